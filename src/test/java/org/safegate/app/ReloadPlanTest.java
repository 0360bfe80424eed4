package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.BlockAnswer;
import org.safegate.config.Settings;
import org.safegate.config.SettingsLoader;

/** Which settings a reload puts in force, and which it keeps until a restart (and names). */
class ReloadPlanTest {
    @TempDir
    Path dir;

    private Settings load(String body) throws Exception {
        Path file = dir.resolve("safegate.conf");
        Files.writeString(file, "safegate {\n" + body + "\n}\n");
        return SettingsLoader.load(file);
    }

    @Test
    void liveSettingsAreTakenAndRestartOnlyOnesKeptAndNamed() throws Exception {
        Settings inForce = load("""
                dns { listen = ["127.0.0.1:5353"], event-loop-threads = 2, cache.max-entries = 10 }
                proxy { listen = "127.0.0.1:3128", connect-timeout = 5s }
                sources { a { format = domains, path = "a.txt" } }
                """);
        Settings next = load("""
                dns { listen = ["127.0.0.1:5354"], event-loop-threads = 2, cache.max-entries = 20,
                      allowed-clients = ["10.0.0.0/8"], block.answer = nxdomain, query-log = true }
                proxy { listen = "127.0.0.1:3128", connect-timeout = 6s }
                admin.listen = "127.0.0.1:9154"
                shutdown-grace = 7s
                sources { a { format = domains, path = "a.txt" }, b { format = hosts, path = "b.txt" } }
                """);

        ReloadPlan plan = ReloadPlan.of(inForce, next);

        assertThat(plan.needRestart()).containsExactly("safegate.dns.listen", "safegate.dns.cache.max-entries",
                "safegate.proxy.connect-timeout", "safegate.admin.listen");
        Settings applied = plan.applied();
        assertThat(applied.dns().listen()).isEqualTo(inForce.dns().listen());
        assertThat(applied.dns().cache()).isEqualTo(inForce.dns().cache());
        assertThat(applied.proxy()).isEqualTo(inForce.proxy());
        assertThat(applied.admin()).isEqualTo(inForce.admin());
        assertThat(applied.dns().allowedClients()).containsExactly("10.0.0.0/8");
        assertThat(applied.dns().block().answer()).isEqualTo(BlockAnswer.NXDOMAIN);
        assertThat(applied.dns().queryLog()).isTrue();
        assertThat(applied.sources()).isEqualTo(next.sources());
        assertThat(applied.shutdownGrace()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theSameFileChangesNothingAndNeedsNoRestart() throws Exception {
        Settings settings = load("sources { a { format = domains, path = \"a.txt\" } }");

        ReloadPlan plan = ReloadPlan.of(settings, load("sources { a { format = domains, path = \"a.txt\" } }"));

        assertThat(plan.needRestart()).isEmpty();
        assertThat(plan.applied()).isEqualTo(settings);
    }

    @Test
    void componentNamesAreSpelledAsInTheConfigFile() {
        assertThat(ReloadPlan.kebab("maxConnectionsPerClient")).isEqualTo("max-connections-per-client");
        assertThat(ReloadPlan.kebab("listen")).isEqualTo("listen");
    }
}
