package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Verdict.Action;

class PolicyUpdaterTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

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

    private static long done(CompletableFuture<Long> version) throws Exception {
        return version.get(5, TimeUnit.SECONDS);
    }

    @Test
    void startPublishesTheFirstPolicyBeforeReturning() throws IOException {
        world.source("ads", "ads.example");
        world.source("malware", "evil.example", "worse.example");
        PolicyUpdater updater = world.updater(CLOCK);
        assertThat(updater.ready()).isFalse();

        updater.start();

        assertThat(updater.ready()).isTrue();
        assertThat(world.store.current().version()).isEqualTo(1);
        assertThat(world.action("x.ads.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("worse.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("good.example")).isEqualTo(Action.ALLOW);
        assertThat(world.logLines(Level.INFO)).anySatisfy(line -> assertThat(line)
                .startsWith("INFO policy published version=1 names=3 entries={ads=1, malware=2} compile_ms="));
    }

    @Test
    void brokenSourceAtStartLeavesTheOthersLoaded() throws IOException {
        world.source("ads", "ads.example");
        world.add(ReloadFixture.settings("missing", dir.resolve("missing.txt"), false, 0.01));
        world.source("broken", "bad name", "also bad");
        PolicyUpdater updater = world.updater(CLOCK);

        updater.start();

        assertThat(updater.ready()).isTrue();
        assertThat(world.action("ads.example")).isEqualTo(Action.BLOCK);
        SourceStatus missing = updater.status("missing").orElseThrow();
        assertThat(missing.state()).isEqualTo(SourceStatus.State.NEVER_LOADED);
        assertThat(missing.lastError()).endsWith("missing.txt: cannot read: no such file");
        assertThat(missing.lastSuccess()).isEmpty();
        assertThat(missing.lastAttempt()).contains(NOW);
        assertThat(updater.status("broken").orElseThrow().errors()).isEqualTo(2);
        assertThat(world.logLines(Level.ERROR)).hasSize(2).allSatisfy(line -> assertThat(line).contains("never loaded"));
    }

    @Test
    void reloadPublishesTheNewVersionUnderAHigherVersionNumber() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        ReloadFixture.write(ads.path(), "new.example");

        long version = done(updater.reloadAll());

        assertThat(version).isEqualTo(2);
        assertThat(world.store.current().version()).isEqualTo(2);
        assertThat(world.action("new.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("old.example")).isEqualTo(Action.ALLOW);
        assertThat(updater.status("ads").orElseThrow().state()).isEqualTo(SourceStatus.State.OK);
    }

    @Test
    void corruptVersionIsRejectedAndTheVersionInForceKept() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        ReloadFixture.write(ads.path(), "new.example", "bad name");

        long version = done(updater.reload(Set.of("ads")));

        assertThat(version).as("no new policy for a rejected version").isEqualTo(1);
        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        SourceStatus status = updater.status("ads").orElseThrow();
        assertThat(status.state()).isEqualTo(SourceStatus.State.REJECTED);
        assertThat(status.entries()).isEqualTo(1);
        assertThat(status.errors()).isEqualTo(1);
        assertThat(status.lastError()).contains("1 bad lines of 2 rule lines (50.00%, expected: at most 1.00%)");
        assertThat(world.metric("safegate_source_rejected_total", "source=ads", "reason=too_many_errors")).isEqualTo(1);
        assertThat(world.metric("safegate_source_loads_total", "source=ads", "result=rejected")).isEqualTo(1);
        assertThat(world.logLines(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("source=ads rejected reason=too_many_errors", "keeping the version of " + NOW));
    }

    @Test
    void deletedFileKeepsTheVersionInForce() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        Files.delete(ads.path());

        done(updater.reloadAll());

        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);
        assertThat(updater.status("ads").orElseThrow().lastError()).endsWith("cannot read: no such file");
        assertThat(world.metric("safegate_source_rejected_total", "source=ads", "reason=unreadable")).isEqualTo(1);
    }

    @Test
    void reloadReadsOnlyTheNamedSources() throws Exception {
        SourceSettings ads = world.source("ads", "ads.example");
        SourceSettings other = world.source("other", "other.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        ReloadFixture.write(ads.path(), "ads2.example");
        ReloadFixture.write(other.path(), "other2.example");

        done(updater.reload(Set.of("ads")));

        assertThat(world.metric("safegate_source_loads_total", "source=ads", "result=accepted")).isEqualTo(2);
        assertThat(world.metric("safegate_source_loads_total", "source=other", "result=accepted")).isEqualTo(1);
        assertThat(world.action("ads2.example")).isEqualTo(Action.BLOCK);
        assertThat(world.action("other.example")).as("other keeps the version it had").isEqualTo(Action.BLOCK);
        assertThat(world.action("other2.example")).isEqualTo(Action.ALLOW);
    }

    @Test
    void unknownSourceIdIsRefused() throws IOException {
        world.source("ads", "ads.example");
        PolicyUpdater updater = world.updater(CLOCK);

        assertThatThrownBy(() -> updater.reload(Set.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("source id: nope (expected one of: [ads])");
    }

    @Test
    void metricsDescribeEverySourceAndThePolicy() throws Exception {
        world.source("ads", "a.example", "b.example", "!unsupported");
        world.add(ReloadFixture.settings("missing", dir.resolve("missing.txt"), false, 0.01));
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();

        assertThat(world.metric("safegate_source_entries", "source=ads")).isEqualTo(2);
        assertThat(world.metric("safegate_source_entries", "source=missing")).isZero();
        assertThat(world.metric("safegate_source_last_success_timestamp_seconds", "source=ads")).isEqualTo(NOW.getEpochSecond());
        assertThat(world.metric("safegate_source_last_success_timestamp_seconds", "source=missing")).isZero();
        assertThat(world.metric("safegate_source_unsupported_lines_total", "source=ads")).isEqualTo(1);
        assertThat(world.metric("safegate_source_rejected_total", "source=ads", "reason=unreadable")).isZero();
        assertThat(world.metric("safegate_policy_version")).isEqualTo(1);
        assertThat(world.metric("safegate_policy_names")).isEqualTo(2);
        assertThat(world.metric("safegate_policy_compile_duration_seconds_count")).isEqualTo(1);
    }

    @Test
    void confidentialSourceNeverShowsALineInLogsMetricsOrStatus() throws Exception {
        String secret = "hidden path.invalid/abuse";
        world.add(ReloadFixture.settings("iwf", dir.resolve("iwf.txt"), true, 0.01), "listed.invalid", secret);
        Files.setPosixFilePermissions(dir.resolve("iwf.txt"), PosixFilePermissions.fromString("rw-------"));
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        done(updater.reloadAll());

        String everything = String.join("\n", world.logLines(Level.TRACE)) + world.exposition() + updater.status();
        assertThat(world.logLines(Level.WARN)).anySatisfy(line -> assertThat(line).contains("iwf.txt:2: name: "));
        assertThat(everything).doesNotContain(secret).doesNotContain("hidden").doesNotContain("listed.invalid");
    }

    @Test
    void closeStopsTheCompilerThreadAndRefusesLaterReloads() throws IOException {
        world.source("ads", "ads.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        assertThat(ReloadFixture.feedThreads()).contains(PolicyUpdater.THREAD_NAME);

        updater.close();

        await().atMost(Duration.ofSeconds(5)).until(ReloadFixture::feedThreads, Set::isEmpty);
        assertThatThrownBy(() -> updater.reloadAll().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void reloadBeforeStartDoesNothing() throws Exception {
        world.source("ads", "ads.example");
        PolicyUpdater updater = world.updater(CLOCK);

        assertThat(done(updater.reloadAll())).isZero();
        assertThat(world.store.current().version()).isZero();
        assertThat(updater.status("ads")).map(SourceStatus::state).isEqualTo(Optional.of(SourceStatus.State.NEVER_LOADED));
    }
}
