package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.admin.TokenHash;
import org.safegate.testing.FakeAuthServer;

/**
 * The control API on a whole node: {@code POST /v1/reload} takes the SIGHUP path (config and lists
 * read again), {@code /v1/policy} and {@code /v1/lookup} show the result, pushes answer 503 until a
 * journal is wired.
 */
class AdminApiNodeIT {
    @TempDir
    Path dir;

    @Test
    void reloadOverTheApiPutsAnEditedListInForce() throws Exception {
        String token = TokenHash.newToken(new SecureRandom());
        Files.writeString(dir.resolve("list.txt"), "old.test\n", UTF_8);
        String body = """
                reload.check-interval = 1d
                sources { list { format = domains, path = "list.txt" } }
                admin.tokens { ops { sha256 = "%s", role = operator } }
                """.formatted(TokenHash.hex(token));
        try (FakeAuthServer upstream = FakeAuthServer.start();
             TestNode node = TestNode.start(dir, upstream.address(), body)) {
            Api api = new Api(node, token);
            String before = api.call("GET", "/v1/policy").body();
            assertThat(api.call("GET", "/v1/lookup?name=new.test").body()).contains("\"verdict\":\"allow\"");

            Files.writeString(dir.resolve("list.txt"), "new.test\n", UTF_8);
            HttpResponse<String> reload = api.call("POST", "/v1/reload");
            assertThat(reload.statusCode()).isEqualTo(200);
            assertThat(reload.body()).contains("\"applied\":true");

            assertThat(api.call("GET", "/v1/lookup?name=www.new.test").body())
                    .contains("\"verdict\":\"block\"", "\"source\":\"list\"", "\"entry\":\"new.test\"");
            String after = api.call("GET", "/v1/policy").body();
            assertThat(after).contains("\"id\":\"list\"", "\"status\":\"ok\"").isNotEqualTo(before);
            HttpResponse<String> push = api.call("GET", "/v1/history");
            assertThat(push.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void aReloadOfABrokenConfigIs422WithItsProblemsAndChangesNothing() throws Exception {
        String token = TokenHash.newToken(new SecureRandom());
        Files.writeString(dir.resolve("list.txt"), "old.test\n", UTF_8);
        String body = """
                sources { list { format = domains, path = "list.txt" } }
                admin.tokens { ops { sha256 = "%s", role = operator } }
                """.formatted(TokenHash.hex(token));
        try (FakeAuthServer upstream = FakeAuthServer.start();
             TestNode node = TestNode.start(dir, upstream.address(), body)) {
            Path conf = dir.resolve("safegate.conf");
            Files.writeString(conf, Files.readString(conf, UTF_8).replace("format = domains", "format = domainz"), UTF_8);
            HttpResponse<String> reload = new Api(node, token).call("POST", "/v1/reload");
            assertThat(reload.statusCode()).isEqualTo(422);
            assertThat(reload.body()).contains("\"applied\":false", "safegate.sources.list.format", "domainz");
        }
    }

    private record Api(TestNode node, String token) {
        HttpResponse<String> call(String method, String path) throws Exception {
            URI uri = URI.create("http://127.0.0.1:" + node.node().adminAddress().getPort() + path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
