package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.SourceChange.Kind;
import org.safegate.policy.Policy;

/** What the audit history hears of file sources: every version applied, held, accepted or rejected, with the policy version. */
class SourceChangesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    /** One call of the listener. */
    record Heard(List<SourceChange> changes, long policyVersion) {}

    @TempDir
    Path dir;
    private ReloadFixture world;
    private SourceSettings ads;
    private PolicyUpdater updater;
    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        world = new ReloadFixture(dir);
        ads = world.source("ads", ShrinkGuardTest.names(10));
        updater = world.guarded(CLOCK, new UpdaterHooks(PushedLists.NONE, (changes, inForce) -> heard.add(new Heard(changes, inForce.version()))));
        updater.start();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private void reload() throws Exception {
        updater.reloadAll().get(5, TimeUnit.SECONDS);
    }

    private List<Object> kinds() {
        return heard.stream().flatMap(h -> h.changes().stream().map(c -> (Object) tuple(c.kind(), c.entries(), h.policyVersion())))
                .toList();
    }

    @Test
    void theFirstLoadIsAnAppliedVersionWithThePolicyItIsIn() {
        assertThat(kinds()).containsExactly(tuple(Kind.APPLIED, 10L, world.store.current().version()));
        assertThat(heard.get(0).changes().get(0)).extracting(SourceChange::source, SourceChange::time)
                .containsExactly("ads", CLOCK.instant());
    }

    @Test
    void heldAcceptedAndRejectedVersionsAreEachHeardOnce() throws Exception {
        long first = world.store.current().version();
        ReloadFixture.write(ads.path(), ShrinkGuardTest.names(7));
        reload();
        reload();                                                 // the same held version read again: nothing new
        new HeldVersions(world.state()).decide("ads", true, Optional.empty());
        reload();
        long accepted = world.store.current().version();
        ReloadFixture.write(ads.path(), ShrinkGuardTest.names(3));
        reload();
        new HeldVersions(world.state()).decide("ads", false, Optional.empty());
        reload();

        assertThat(kinds()).containsExactly(
                tuple(Kind.APPLIED, 10L, first),
                tuple(Kind.HELD, 7L, first),                      // held: the policy did not change
                tuple(Kind.ACCEPTED, 7L, accepted),
                tuple(Kind.HELD, 3L, accepted),
                tuple(Kind.REJECTED, 3L, accepted));
    }

    @Test
    void anUnchangedFileIsNotAVersion() throws Exception {
        reload();
        assertThat(kinds()).hasSize(1);
    }

    @Test
    void aReloadsCallerIsHandedThePolicyItPublishedNotALaterOne() throws Exception {
        List<Policy> handed = new CopyOnWriteArrayList<>();
        ReloadFixture.write(ads.path(), ShrinkGuardTest.names(11));
        long version = updater.reload(Set.of("ads"), handed::add).get(5, TimeUnit.SECONDS);
        String hash = world.store.current().contentHash();
        ReloadFixture.write(ads.path(), ShrinkGuardTest.names(12));
        reload();

        assertThat(handed).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(version);
            assertThat(p.contentHash()).isEqualTo(hash).isNotEqualTo(world.store.current().contentHash());
        });
        assertThat(heard).last().extracting(Heard::policyVersion).isEqualTo(world.store.current().version());
    }
}
