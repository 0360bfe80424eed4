package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.ExternalTool;

/**
 * {@code systemd/safegate.service} as systemd reads it. {@code systemd-analyze verify} checks that
 * every Exec command exists, so it runs on a copy whose {@code /usr/bin/java}, jar and
 * {@code /bin/kill} are this machine's (a build machine need not have the package installed); the
 * rest of the unit is verified as shipped. Any warning (an unknown key, a bad value) fails too,
 * since systemd only warns and then ignores the line: a hardening line it ignores protects nothing.
 */
class SystemdUnitIT {
    private static final Path UNIT = Path.of("systemd/safegate.service");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for safegate\\.service: (\\d+\\.\\d+)");
    /** The README quotes 1.6; a change of the unit that loosens it past this fails here. */
    private static final double MAX_EXPOSURE = 2.0;

    @TempDir
    Path dir;

    @Test
    void theUnitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        String analyze = ExternalTool.require("systemd-analyze", "systemd");
        Result result = run(analyze, "verify", installable().toString());
        assertThat(result.output()).as("systemd-analyze verify output").isEmpty();
        assertThat(result.status()).isZero();
    }

    @Test
    void theUnitKeepsItsHardening() throws IOException {
        List<String> lines = Files.readAllLines(UNIT, UTF_8);
        assertThat(lines).contains("User=safegate", "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "NoNewPrivileges=yes", "ProtectSystem=strict",
                "StateDirectory=safegate", "ProtectHome=yes", "PrivateTmp=yes", "ExecReload=/bin/kill -HUP $MAINPID",
                "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK", "SystemCallFilter=@system-service");
        assertThat(lines).noneMatch(l -> l.startsWith("MemoryDenyWriteExecute="));   // breaks the JIT
        assertThat(Files.readString(Path.of("systemd/safegate.sysusers"), UTF_8)).containsPattern("(?m)^u safegate ");
    }

    @Test
    void theExposureScoreStaysLow() throws Exception {
        String analyze = ExternalTool.require("systemd-analyze", "systemd");
        Result result = run(analyze, "security", "--offline=true", installable().toString());
        assumeTrue(result.status() == 0 || result.output().contains("Overall exposure"),
                "systemd-analyze security --offline needs systemd >= 250: " + result.output());
        Matcher m = EXPOSURE.matcher(result.output());
        assertThat(m.find()).as("exposure line in:\n%s", result.output()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(MAX_EXPOSURE);
    }

    /** The unit with the paths of its commands replaced by ones that exist here, named as installed. */
    private Path installable() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String kill = ExternalTool.require("kill", "procps");
        Path jar = Path.of("target/safegate.jar").toAbsolutePath();
        String unit = Files.readString(UNIT, UTF_8)
                .replace("/usr/bin/java ", java + " ")
                .replace("/usr/lib/safegate/safegate.jar", jar.toString())
                .replace("/bin/kill ", kill + " ");
        Path copy = dir.resolve("safegate.service");
        Files.writeString(copy, unit, UTF_8);
        return copy;
    }

    private record Result(int status, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(out, UTF_8).strip());
    }
}
