package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.policy.Verdict.Action;
import org.safegate.testing.FakeAuthServer;

/**
 * A source with a url, through the whole node: fetched into its download target before the first
 * policy, refreshed on schedule and reloaded when it changes; when the fetch fails at start, the
 * previous download is loaded. A {@code file:} url keeps the test off the network; HTTPS is
 * {@code feeds.FeedFetchIT}'s.
 */
class FetchedSourceIT {
    @TempDir
    Path dir;
    private FakeAuthServer upstream;
    private TestNode node;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = FakeAuthServer.start();
    }

    @AfterEach
    void stop() {
        if (node != null) node.close();
        if (upstream != null) upstream.close();
    }

    private Action action(String name) {
        return node.node().store().current().check(name).action();
    }

    @Test
    void urlSourceIsFetchedBeforeTheFirstPolicyAndReloadedWhenItChanges() throws Exception {
        Path origin = Files.createDirectories(dir.resolve("publisher")).resolve("list.txt");
        Files.writeString(origin, "old.test\n", UTF_8);

        node = TestNode.start(dir, upstream.address(), """
                sources { reg { format = domains, url = "%s", refresh = 1s } }
                """.formatted(origin.toUri()));

        assertThat(action("www.old.test")).isEqualTo(Action.BLOCK);
        assertThat(dir.resolve("state/downloads/reg")).hasContent("old.test");

        Files.writeString(origin, "new.test\n", UTF_8);

        await().atMost(Duration.ofSeconds(10)).until(() -> action("www.new.test") == Action.BLOCK);
        assertThat(action("www.old.test")).isEqualTo(Action.ALLOW);
        assertThat(node.metric("safegate_source_fetches_total{result=\"updated\",source=\"reg\"}")).isEqualTo(2);
    }

    @Test
    void failedFetchAtStartLoadsThePreviousDownload() throws Exception {
        Files.createDirectories(dir.resolve("state/downloads"));
        Files.writeString(dir.resolve("state/downloads/reg"), "kept.test\n", UTF_8);

        node = TestNode.start(dir, upstream.address(), """
                sources { reg { format = domains, url = "%s", refresh = 1h } }
                """.formatted(dir.resolve("gone/list.txt").toUri()));

        assertThat(action("kept.test")).isEqualTo(Action.BLOCK);
        assertThat(node.metric("safegate_source_fetch_failures_total{reason=\"network\",source=\"reg\"}")).isEqualTo(1);
    }
}
