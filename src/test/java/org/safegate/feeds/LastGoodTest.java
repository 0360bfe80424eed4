package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Verdict.Action;

/** The last good copy: kept at every applied version, used at start-up when the file is missing, bad or held. */
class LastGoodTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private ReloadFixture world;
    private SourceSettings ads;

    @BeforeEach
    void firstRun() throws IOException {
        world = new ReloadFixture(dir);
        ads = world.source("ads", ShrinkGuardTest.names(10));
        PolicyUpdater first = world.guarded(CLOCK);
        first.start();
        first.close();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private PolicyUpdater restart() throws IOException {
        PolicyUpdater updater = world.guarded(CLOCK);
        updater.start();
        return updater;
    }

    @Test
    void appliedVersionIsKeptByteForByte() throws IOException {
        assertThat(Files.readAllBytes(world.state().lastGood("ads"))).isEqualTo(Files.readAllBytes(ads.path()));
        assertThat(Files.list(world.state().tmp())).as("no copy left behind").isEmpty();
    }

    @Test
    void restartWithTheSameFileRecordsNoNewVersion() throws IOException {
        assertThat(Files.readAllLines(world.state().appliedLog())).hasSize(1);
        PolicyUpdater updater = restart();
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        assertThat(updater.status("ads").orElseThrow().onLastGood()).isFalse();
        assertThat(Files.readAllLines(world.state().appliedLog())).as("the version in force is not applied again").hasSize(1);
    }

    @Test
    void restartWithTheFileDeletedRunsOnTheLastGoodCopy() throws IOException {
        Files.delete(ads.path());
        PolicyUpdater updater = restart();

        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        SourceStatus status = updater.status("ads").orElseThrow();
        assertThat(status.onLastGood()).isTrue();
        assertThat(status.entries()).isEqualTo(10);
        assertThat(status.lastError()).contains("no such file");
        assertThat(world.metric("safegate_source_on_last_good", "source=ads")).isEqualTo(1);
        assertThat(world.logLines(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("source=ads runs on its last good copy", "because unreadable"));
    }

    @Test
    void restartWithABadFileRunsOnTheLastGoodCopy() throws IOException {
        ReloadFixture.write(ads.path(), "n0.example", "bad name", "worse name");
        PolicyUpdater updater = restart();
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        assertThat(updater.status("ads").orElseThrow()).extracting(SourceStatus::state, SourceStatus::onLastGood)
                .containsExactly(SourceStatus.State.REJECTED, true);
    }

    @Test
    void restartWithAShrunkFileHoldsItAndRunsOnTheLastGoodCopy() throws IOException {
        ReloadFixture.write(ads.path(), "n0.example");
        PolicyUpdater updater = restart();
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        SourceStatus status = updater.status("ads").orElseThrow();
        assertThat(status).extracting(SourceStatus::state, SourceStatus::onLastGood).containsExactly(SourceStatus.State.HELD, true);
        assertThat(status.held().orElseThrow().inForce()).isEqualTo(10);
    }

    @Test
    void fileBackWithTheSameBytesLeavesTheLastGoodCopy() throws Exception {
        byte[] bytes = Files.readAllBytes(ads.path());
        Files.delete(ads.path());
        PolicyUpdater updater = restart();
        Files.write(ads.path(), bytes);
        updater.reloadAll().get(5, TimeUnit.SECONDS);
        assertThat(updater.status("ads").orElseThrow()).extracting(SourceStatus::state, SourceStatus::onLastGood)
                .containsExactly(SourceStatus.State.OK, false);
        assertThat(world.metric("safegate_source_on_last_good", "source=ads")).isZero();
    }

    @Test
    void confidentialCopiesAreOwnerOnly() throws IOException {
        SourceSettings iwf = world.add(ReloadFixture.settings("iwf", dir.resolve("iwf.txt"), true, 0.01), "listed.invalid");
        Files.setPosixFilePermissions(iwf.path(), PosixFilePermissions.fromString("r--------"));
        restart();
        assertThat(world.action("listed.invalid")).isEqualTo(Action.BLOCK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(world.state().lastGood("iwf"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(world.state().lastGood("iwf").getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(world.state().appliedLog())))
                .isEqualTo("rw-------");
    }
}
