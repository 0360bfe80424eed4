package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.config.AdminSettings;
import org.safegate.testing.ExternalTool;

/** With safegate.admin.tls, the listener speaks HTTPS with the configured certificate: curl trusts it by that file alone. */
class AdminTlsIT {
    @TempDir
    Path dir;

    @Test
    void curlReachesTheApiOverHttpsWithTheConfiguredCertificate() throws Exception {
        String openssl = ExternalTool.require("openssl", "openssl");
        String curl = ExternalTool.require("curl", "curl");
        Path cert = dir.resolve("admin.pem");
        Path key = dir.resolve("admin.key");
        run(List.of(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1"));
        try (AdminFixture admin = new AdminFixture(Optional.of(new AdminSettings.Tls(cert, key)), AdminSettings.DEFAULT_MAX_BODY_BYTES)) {
            assertThat(admin.server.tls()).isTrue();
            String url = admin.base + "/v1/policy";
            String out = run(List.of(curl, "-sS", "--max-time", "10", "--cacert", cert.toString(),
                    "-H", "Authorization: Bearer " + admin.auditor, "-w", "\n%{http_code}", url));
            assertThat(out).contains("\"version\":\"" + admin.store.current().contentHash() + "\"").endsWith("\n200");
            String plain = run(List.of(curl, "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
                    url.replace("https://", "http://")));
            assertThat(plain).as("plain HTTP on the TLS port gets no API answer").doesNotContain("200");
        }
    }

    private String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
