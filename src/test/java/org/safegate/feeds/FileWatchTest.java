package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.ReloadSettings;
import org.safegate.config.SourceSettings;

class FileWatchTest {
    private static final ReloadSettings FAST = new ReloadSettings(Duration.ofMillis(200), Duration.ofMillis(50));
    /** No periodic check within a test's life: only the watch service can notice. */
    private static final ReloadSettings WATCH_ONLY = new ReloadSettings(Duration.ofHours(1), Duration.ofMillis(50));
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final List<Set<String>> batches = new CopyOnWriteArrayList<>();
    private FileWatch watch;

    @AfterEach
    void tearDown() {
        if (watch != null) watch.close();
    }

    private SourceSettings source(String id, String... lines) throws IOException {
        SourceSettings s = ReloadFixture.settings(id, dir.resolve(id + ".txt"), false, 0.01);
        if (lines.length > 0) ReloadFixture.write(s.path(), lines);
        return s;
    }

    private void watch(ReloadSettings reload, boolean useWatchService, SourceSettings... sources) {
        watch = new FileWatch(reload, List.of(sources), batches::add, useWatchService);
        watch.start();
    }

    @SafeVarargs
    private void awaitBatches(Set<String>... expected) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(batches).containsExactly(expected));
    }

    @Test
    void writeInPlaceIsReportedWithOnlyTheChangedSource() throws IOException {
        SourceSettings a = source("a", "a.example");
        SourceSettings b = source("b", "b.example");
        watch(WATCH_ONLY, true, a, b);

        ReloadFixture.write(a.path(), "a2.example");

        awaitBatches(Set.of("a"));
    }

    @Test
    void renameOverTheFileIsReported() throws IOException {
        SourceSettings a = source("a", "a.example");
        watch(WATCH_ONLY, true, a);

        ReloadFixture.replaceAtomically(a.path(), "a2.example");

        awaitBatches(Set.of("a"));
    }

    @Test
    void fileMovedIntoPlaceIsReported() throws IOException {
        SourceSettings a = source("a");                 // not there yet
        Path staging = Files.createDirectory(dir.resolve("staging"));
        watch(WATCH_ONLY, true, a);
        ReloadFixture.write(staging.resolve("a.txt"), "a.example");

        Files.move(staging.resolve("a.txt"), a.path());

        awaitBatches(Set.of("a"));
    }

    @Test
    void deleteAndRecreateIsReported() throws IOException {
        SourceSettings a = source("a", "a.example");
        watch(WATCH_ONLY, true, a);
        Files.delete(a.path());
        awaitBatches(Set.of("a"));

        ReloadFixture.write(a.path(), "a2.example");

        awaitBatches(Set.of("a"), Set.of("a"));
    }

    @Test
    void quickChangesToSeveralFilesAreReportedOnceTogether() throws IOException {
        SourceSettings a = source("a", "a.example");
        SourceSettings b = source("b", "b.example");
        // A debounce far longer than the loop below takes, so the writes fall in one quiet period
        watch(new ReloadSettings(Duration.ofHours(1), Duration.ofSeconds(1)), true, a, b);

        for (int i = 0; i < 5; i++) {
            ReloadFixture.write(a.path(), "a" + i + ".example");
            ReloadFixture.write(b.path(), "b" + i + ".example");
        }

        awaitBatches(Set.of("a", "b"));
        await().during(Duration.ofMillis(1500)).atMost(DEADLINE).untilAsserted(() -> assertThat(batches).hasSize(1));
    }

    @Test
    void periodicCheckNoticesWhatNoEventReported() throws IOException {
        SourceSettings a = source("a", "a.example");
        watch(FAST, false, a);

        ReloadFixture.write(a.path(), "longer.a.example");

        awaitBatches(Set.of("a"));
    }

    @Test
    void periodicCheckNoticesARenameKeepingSizeAndTime() throws IOException {
        SourceSettings a = source("a", "a.example");
        FileTime before = Files.getLastModifiedTime(a.path());
        watch(FAST, false, a);

        // Same length, same mtime: only the file key (a new inode) tells the new file apart
        ReloadFixture.replaceAtomically(a.path(), "b.example");
        Files.setLastModifiedTime(a.path(), before);

        awaitBatches(Set.of("a"));
    }

    @Test
    void periodicCheckNoticesAFileThatAppears() throws IOException {
        SourceSettings a = source("a");
        watch(FAST, false, a);

        ReloadFixture.write(a.path(), "a.example");

        awaitBatches(Set.of("a"));
    }

    @Test
    void directoryThatAppearsLaterIsWatched() throws IOException {
        Path later = dir.resolve("later");
        SourceSettings a = ReloadFixture.settings("a", later.resolve("a.txt"), false, 0.01);
        watch(FAST, true, a);
        Files.createDirectory(later);
        ReloadFixture.write(a.path(), "a.example");
        awaitBatches(Set.of("a"));
        // Let late events of that write come in, so the next batch can only come from the next change
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(batches::size, n -> n >= 1);
        int seen = batches.size();
        FileTime before = Files.getLastModifiedTime(a.path());

        // Same size, same inode, same time: invisible to the periodic check, so only a watch can see it
        ReloadFixture.write(a.path(), "b.example");
        Files.setLastModifiedTime(a.path(), before);

        await().atMost(DEADLINE).until(batches::size, n -> n == seen + 1);
    }

    @Test
    void closeStopsBothThreads() throws IOException {
        SourceSettings a = source("a", "a.example");
        watch(FAST, true, a);
        assertThat(ReloadFixture.feedThreads()).contains(FileWatch.WATCH_THREAD, FileWatch.CHECK_THREAD);

        watch.close();

        await().atMost(DEADLINE).until(ReloadFixture::feedThreads, Set::isEmpty);
    }

    @Test
    void movedAsideIsAChangeToo() throws IOException {
        SourceSettings a = source("a", "a.example");
        watch(WATCH_ONLY, true, a);

        Files.move(a.path(), dir.resolve("a.txt.bak"), StandardCopyOption.ATOMIC_MOVE);

        awaitBatches(Set.of("a"));
    }
}
