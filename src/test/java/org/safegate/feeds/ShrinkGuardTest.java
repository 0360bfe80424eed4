package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.AppliedRecord.Outcome;
import org.safegate.policy.Verdict.Action;

/** The shrink guard: a version that loses too many entries waits for an operator; accept, reject, history. */
class ShrinkGuardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private ReloadFixture world;
    private SourceSettings ads;
    private PolicyUpdater updater;

    @BeforeEach
    void setUp() throws IOException {
        world = new ReloadFixture(dir);
        ads = world.source("ads", names(10));
        updater = world.guarded(CLOCK);
        updater.start();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    /** n0.example .. n(count-1).example */
    static String[] names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "n" + i + ".example").toArray(String[]::new);
    }

    private long reload() throws Exception {
        return updater.reloadAll().get(5, TimeUnit.SECONDS);
    }

    private SourceStatus status() {
        return updater.status("ads").orElseThrow();
    }

    private HeldVersion holdSeven() throws Exception {
        ReloadFixture.write(ads.path(), names(7));                 // 30% fewer, past the default 20%
        reload();
        return status().held().orElseThrow();
    }

    @Test
    void firstLoadIsNeverHeld() {
        assertThat(status().state()).isEqualTo(SourceStatus.State.OK);
        assertThat(status().entries()).isEqualTo(10);
        assertThat(status().held()).isEmpty();
    }

    @Test
    void shrinkPastTheLimitIsHeldAndTheVersionInForceStays() throws Exception {
        long before = world.store.current().version();
        HeldVersion held = holdSeven();

        assertThat(world.store.current().version()).isEqualTo(before);
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        assertThat(status().state()).isEqualTo(SourceStatus.State.HELD);
        assertThat(status().entries()).isEqualTo(10);
        assertThat(status().lastError()).contains("new version held", "safegate feeds accept ads --hash " + held.sha256());
        assertThat(held).extracting(HeldVersion::domains, HeldVersion::inForce).containsExactly(7, 10);
        assertThat(held.sha256()).isEqualTo(Snapshot.hash(ads.path()));
        assertThat(Files.readAllBytes(world.state().held("ads"))).isEqualTo(Files.readAllBytes(ads.path()));
        assertThat(world.metric("safegate_source_held_total", "source=ads")).isEqualTo(1);
        assertThat(world.metric("safegate_source_held_versions", "source=ads")).isEqualTo(1);
        assertThat(world.metric("safegate_source_loads_total", "source=ads", "result=held")).isEqualTo(1);
        assertThat(world.logLines(Level.WARN)).anySatisfy(line -> assertThat(line)
                .contains("source=ads new version held", "30% fewer than the 10 in force"));
    }

    @Test
    void shrinkWithinTheLimitAndGrowthAreApplied() throws Exception {
        ReloadFixture.write(ads.path(), names(8));                 // exactly 20% fewer: not more than max-shrink
        reload();
        assertThat(status()).extracting(SourceStatus::state, SourceStatus::entries).containsExactly(SourceStatus.State.OK, 8);
        ReloadFixture.write(ads.path(), names(100));
        reload();
        assertThat(status()).extracting(SourceStatus::state, SourceStatus::entries).containsExactly(SourceStatus.State.OK, 100);
        assertThat(world.metric("safegate_source_held_total", "source=ads")).isZero();
    }

    @Test
    void acceptedHeldVersionGoesInForce() throws Exception {
        HeldVersion held = holdSeven();
        new HeldVersions(world.state()).decide("ads", true, Optional.of(held.sha256()));
        reload();

        assertThat(world.action("n9.example")).isEqualTo(Action.ALLOW);
        assertThat(world.action("n6.example")).isEqualTo(Action.BLOCK);
        assertThat(status()).extracting(SourceStatus::state, SourceStatus::entries, SourceStatus::held)
                .containsExactly(SourceStatus.State.OK, 7, Optional.empty());
        assertThat(Snapshot.hash(world.state().lastGood("ads"))).isEqualTo(held.sha256());
        assertThat(world.state().decision("ads")).doesNotExist();
        assertThat(world.state().held("ads")).doesNotExist();
        assertThat(world.metric("safegate_source_held_versions", "source=ads")).isZero();

        long version = world.store.current().version();
        reload();                                                  // the file holds the version now in force
        assertThat(world.store.current().version()).as("unchanged bytes are not applied again").isEqualTo(version);
    }

    @Test
    void rejectedHeldVersionIsDroppedAndNotHeldAgain() throws Exception {
        HeldVersion held = holdSeven();
        new HeldVersions(world.state()).decide("ads", false, Optional.empty());
        reload();
        assertThat(status().held()).isEmpty();
        assertThat(status().entries()).isEqualTo(10);
        assertThat(world.state().held("ads")).doesNotExist();

        ReloadFixture.write(ads.path(), names(7));                  // the same bytes delivered again
        reload();
        assertThat(status().state()).isEqualTo(SourceStatus.State.REJECTED);
        assertThat(status().lastError()).contains(held.sha256(), "rejected by an operator");
        assertThat(status().held()).isEmpty();
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
        // twice: the reload that carried out the decision read the file too
        assertThat(world.metric("safegate_source_rejected_total", "source=ads", "reason=operator")).isEqualTo(2);
    }

    @Test
    void decisionOnAnotherHashIsRefused() throws Exception {
        HeldVersion seven = holdSeven();
        ReloadFixture.write(ads.path(), names(6));                 // held since the operator looked
        reload();
        assertThat(status().held().orElseThrow().sha256()).isNotEqualTo(seven.sha256());

        assertThatThrownBy(() -> new HeldVersions(world.state()).decide("ads", true, Optional.of(seven.sha256())))
                .isInstanceOf(HeldVersions.RefusedException.class)
                .hasMessageContaining("--hash " + seven.sha256() + " is not the held version's");
        assertThat(world.state().decision("ads")).doesNotExist();
    }

    @Test
    void decisionWhoseHeldCopyChangedOnDiskIsIgnored() throws Exception {
        holdSeven();
        HeldVersions operator = new HeldVersions(world.state());
        Files.writeString(world.state().held("ads"), "n0.example\n", UTF_8);          // not the bytes that were judged
        assertThatThrownBy(() -> operator.decide("ads", true, Optional.empty()))
                .hasMessageContaining("it changed on disk");
    }

    @Test
    void appliedLogHasOneLinePerVersion() throws Exception {
        String first = Snapshot.hash(ads.path());
        HeldVersion held = holdSeven();
        new HeldVersions(world.state()).decide("ads", true, Optional.empty());
        reload();
        reload();                                                  // unchanged: no new line

        List<AppliedRecord> history = new HeldVersions(world.state()).history();
        assertThat(history).extracting(AppliedRecord::sha256, AppliedRecord::domains, AppliedRecord::outcome).containsExactly(
                tuple(first, 10, Outcome.APPLIED),
                tuple(held.sha256(), 7, Outcome.HELD),
                tuple(held.sha256(), 7, Outcome.APPLIED));
        assertThat(history.get(2).reason()).isEqualTo("accepted by an operator after it was held");
        assertThat(Files.readAllLines(world.state().appliedLog()).get(1))
                .startsWith("2026-11-23T10:00:00Z\tads\t" + held.sha256() + "\tdomains=7\turls=0\theld\tshrink: 30% fewer");
    }

    @Test
    void badVersionIsRecordedAsRejected() throws Exception {
        ReloadFixture.write(ads.path(), "n0.example", "bad name", "worse name");
        reload();
        assertThat(new HeldVersions(world.state()).history()).last()
                .extracting(AppliedRecord::outcome).isEqualTo(Outcome.REJECTED);
        assertThat(world.action("n9.example")).isEqualTo(Action.BLOCK);
    }
}
