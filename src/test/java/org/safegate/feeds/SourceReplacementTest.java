package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Verdict.Action;

/** {@link PolicyUpdater#replaceSources}: the sources part of a config reload (SIGHUP). */
class SourceReplacementTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

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

    @Test
    void aReplacedListAddsAndRemovesSourcesAndAnUnchangedSourceKeepsItsLastGoodVersion() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        world.source("malware", "evil.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        ReloadFixture.write(ads.path(), "new.example", "bad name");          // now rejected: too many bad lines
        SourceSettings extra = ReloadFixture.settings("extra", dir.resolve("extra.txt"), false, 0.01);
        ReloadFixture.write(extra.path(), "extra.example");

        long version = updater.replaceSources(List.of(ads, extra)).get(5, TimeUnit.SECONDS);

        assertThat(version).isEqualTo(2);
        assertThat(world.action("old.example")).as("ads keeps its last good version").isEqualTo(Action.BLOCK);
        assertThat(world.action("new.example")).isEqualTo(Action.ALLOW);
        assertThat(world.action("evil.example")).as("malware is gone").isEqualTo(Action.ALLOW);
        assertThat(world.action("extra.example")).isEqualTo(Action.BLOCK);
        assertThat(updater.status()).extracting(SourceStatus::id).containsExactly("ads", "extra");
        assertThat(updater.status("ads").orElseThrow().state()).isEqualTo(SourceStatus.State.REJECTED);
        assertThat(world.exposition()).doesNotContain("source=\"malware\"").contains("source=\"extra\"");
        assertThat(world.metric("safegate_source_entries", "source=extra")).isEqualTo(1);
    }

    @Test
    void aSourceWithChangedSettingsStartsAfreshSoABadFileLeavesItWithoutRules() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();
        ReloadFixture.write(ads.path(), "new.example", "bad name");
        SourceSettings changed = new SourceSettings("ads", ads.format(), ads.path(), "other category", ads.effect(),
                ads.mandate(), Optional.empty(), false, 50, ads.maxErrorRatio(), ads.proxy());

        updater.replaceSources(List.of(changed)).get(5, TimeUnit.SECONDS);

        assertThat(world.action("old.example")).isEqualTo(Action.ALLOW);
        assertThat(updater.status("ads").orElseThrow().state()).isEqualTo(SourceStatus.State.NEVER_LOADED);
    }

    @Test
    void aSourceIdGivenTwiceIsRefusedOnTheCallersThread() throws Exception {
        SourceSettings ads = world.source("ads", "old.example");
        PolicyUpdater updater = world.updater(CLOCK);
        updater.start();

        assertThatThrownBy(() -> updater.replaceSources(List.of(ads, ads)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("source id: ads given twice (expected: unique ids)");
        assertThat(world.action("old.example")).isEqualTo(Action.BLOCK);
    }
}
