package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.ReloadSettings;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Verdict.Action;

/** Files change on disk; the watch, the updater and the store, all real, put the change in force. */
class ReloadTest {
    private static final ReloadSettings FAST = new ReloadSettings(Duration.ofMillis(200), Duration.ofMillis(50));
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private ReloadFixture world;

    @BeforeEach
    void setUp() {
        world = new ReloadFixture(dir);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private double accepted(String source) {
        return world.metric("safegate_source_loads_total", "source=" + source, "result=accepted");
    }

    @Test
    void changedFileIsPublished() throws IOException {
        SourceSettings ads = world.source("ads", "old.example");
        world.startWatched(FAST, true);
        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);

        ReloadFixture.write(ads.path(), "new.example");

        await().atMost(DEADLINE).until(() -> world.action("new.example") == Action.BLOCK);
        assertThat(world.action("old.example")).isEqualTo(Action.ALLOW);
    }

    @Test
    void fileReplacedByAtomicRenameIsPublished() throws IOException {
        SourceSettings ads = world.source("ads", "old.example");
        world.startWatched(FAST, true);

        ReloadFixture.replaceAtomically(ads.path(), "new.example");

        await().atMost(DEADLINE).until(() -> world.action("new.example") == Action.BLOCK);
        assertThat(world.action("old.example")).isEqualTo(Action.ALLOW);
    }

    @Test
    void corruptReplacementKeepsTheOldVerdicts() throws IOException {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.startWatched(FAST, true);

        ReloadFixture.replaceAtomically(ads.path(), "new.example", "bad name", "bad too");

        await().atMost(DEADLINE).until(() ->
                world.metric("safegate_source_rejected_total", "source=ads", "reason=too_many_errors") == 1);
        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        assertThat(updater.status("ads").orElseThrow().state()).isEqualTo(SourceStatus.State.REJECTED);
        assertThat(updater.status("ads").orElseThrow().lastError()).contains("2 bad lines of 3 rule lines");
    }

    @Test
    void deletedFileKeepsTheOldVerdicts() throws IOException {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.startWatched(FAST, true);

        Files.delete(ads.path());

        await().atMost(DEADLINE).until(() ->
                world.metric("safegate_source_rejected_total", "source=ads", "reason=unreadable") == 1);
        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);
        assertThat(updater.status("ads").orElseThrow().lastError()).endsWith("no such file");
    }

    @Test
    void severalQuickWritesAreLoadedOnce() throws IOException {
        SourceSettings ads = world.source("ads", "v0.example");
        // The debounce is far longer than the write loop takes: all writes fall in one quiet period
        world.startWatched(new ReloadSettings(Duration.ofHours(1), Duration.ofSeconds(1)), true);
        assertThat(accepted("ads")).isEqualTo(1);

        for (int i = 1; i <= 5; i++) ReloadFixture.write(ads.path(), "v" + i + ".example");

        await().atMost(DEADLINE).until(() -> world.action("v5.example") == Action.BLOCK);
        await().during(Duration.ofMillis(1500)).atMost(DEADLINE).until(() -> accepted("ads"), n -> n == 2);
        assertThat(world.store.current().version()).isEqualTo(2);
    }

    @Test
    void changesOfSeveralSourcesMakeOnePolicy() throws IOException {
        SourceSettings a = world.source("a", "a0.example");
        SourceSettings b = world.source("b", "b0.example");
        world.startWatched(new ReloadSettings(Duration.ofHours(1), Duration.ofSeconds(1)), true);

        ReloadFixture.write(a.path(), "a1.example");
        ReloadFixture.write(b.path(), "b1.example");

        await().atMost(DEADLINE).until(() -> world.action("a1.example") == Action.BLOCK);
        assertThat(world.action("b1.example")).isEqualTo(Action.BLOCK);
        assertThat(world.store.current().version()).isEqualTo(2);
    }

    @Test
    void missedWatchEventIsCaughtByThePeriodicCheck() throws IOException {
        SourceSettings ads = world.source("ads", "old.example");
        world.startWatched(FAST, false);

        ReloadFixture.write(ads.path(), "newer.example");

        await().atMost(DEADLINE).until(() -> world.action("newer.example") == Action.BLOCK);
    }

    @Test
    void closeStopsEveryThread() throws IOException {
        world.source("ads", "old.example");
        world.startWatched(FAST, true);
        assertThat(ReloadFixture.feedThreads())
                .containsExactlyInAnyOrder(PolicyUpdater.THREAD_NAME, FileWatch.WATCH_THREAD, FileWatch.CHECK_THREAD);

        world.close();

        await().atMost(DEADLINE).until(ReloadFixture::feedThreads, Set::isEmpty);
    }
}
