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
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.admin.TokenHash;
import org.safegate.testing.FakeAuthServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control API on a whole node: {@code POST /v1/reload} takes the SIGHUP path (config and lists
 * read again), {@code /v1/policy} and {@code /v1/lookup} show the result; a regulator's push is
 * acknowledged once journalled and in force, as dig shows; a lookup says since when its rule holds,
 * and the history names the content hash {@code /v1/policy} shows.
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
            HttpResponse<String> history = api.call("GET", "/v1/history");
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            assertThat(history.body()).contains("\"change\":\"reload\"");
        }
    }

    @Test
    void aRegulatorsPushIsInForceWhenAcknowledgedAndARepeatIsNotAppliedTwice() throws Exception {
        String token = TokenHash.newToken(new SecureRandom());
        Files.writeString(dir.resolve("list.txt"), "old.test\n", UTF_8);
        String body = """
                sources {
                  urgent { format = push, mandate = legal-order, precedence = 100 }
                  list { format = domains, path = "list.txt" }
                }
                admin.tokens { regulator-a { sha256 = "%s", role = regulator, sources = [urgent, list] } }
                """.formatted(TokenHash.hex(token));
        String batch = """
                {"idempotencyKey": "order-77", "legalBasis": {"authority": "Test Court", "decision": "77/2026", "date": "2026-11-20"},
                 "add": {"domains": ["pushed.test"], "urls": [], "ips": []}, "remove": {"domains": [], "urls": [], "ips": []}}
                """;
        try (FakeAuthServer upstream = FakeAuthServer.start();
             TestNode node = TestNode.start(dir, upstream.address(), body)) {
            upstream.add("www.pushed.test. 60 IN A 192.0.2.80");
            Api api = new Api(node, token);
            assertThat(node.dig("www.pushed.test", "A")).contains("192.0.2.80");

            HttpResponse<String> first = api.send("POST", "/v1/sources/urgent/changes", batch);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            // acknowledged means in force: no wait before asking
            assertThat(node.dig("www.pushed.test", "A")).contains("EDE: 16 (Censored)", "decision 77/2026").doesNotContain("192.0.2.80");

            HttpResponse<String> again = api.send("POST", "/v1/sources/urgent/changes", batch);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).contains("\"repeated\":true");
            assertThat(Files.readAllLines(dir.resolve("state/audit.jsonl"))).as("one push in the history")
                    .filteredOn(l -> l.contains("\"push\"")).hasSize(1);

            HttpResponse<String> toFile = api.send("POST", "/v1/sources/list/changes", batch.replace("order-77", "order-78"));
            assertThat(toFile.statusCode()).as(toFile.body()).isEqualTo(409);
        }
    }

    @Test
    void aLookupSaysSinceWhenItsRuleHoldsAndTheHistoryNamesThePolicyHash() throws Exception {
        String regulator = TokenHash.newToken(new SecureRandom());
        String auditor = TokenHash.newToken(new SecureRandom());
        Files.writeString(dir.resolve("list.txt"), "old.test\n", UTF_8);
        String body = """
                reload.check-interval = 1d
                sources {
                  urgent { format = push, mandate = legal-order, precedence = 100 }
                  list { format = domains, path = "list.txt" }
                }
                admin.tokens {
                  regulator-a { sha256 = "%s", role = regulator, sources = [urgent] }
                  audit { sha256 = "%s", role = auditor }
                }
                """.formatted(TokenHash.hex(regulator), TokenHash.hex(auditor));
        String batch = """
                {"idempotencyKey": "%s", "legalBasis": {"authority": "Test Court", "decision": "77/2026", "date": "2026-11-20"},
                 "add": {"domains": [%s], "urls": [], "ips": []}, "remove": {"domains": [], "urls": [], "ips": []}}
                """;
        try (FakeAuthServer upstream = FakeAuthServer.start();
             TestNode node = TestNode.start(dir, upstream.address(), body)) {
            Api push = new Api(node, regulator);
            Api audit = new Api(node, auditor);
            Instant applied = node.node().updater().status("list").orElseThrow().lastSuccess().orElseThrow();
            assertThat(since(audit, "www.old.test")).as("a file source: when its version in force was applied")
                    .isEqualTo(json("{\"time\":\"" + applied + "\",\"exact\":false}"));

            Instant before = Instant.now();
            JsonNode first = json(push.send("POST", "/v1/sources/urgent/changes", batch.formatted("order-1", "\"pushed.test\"")).body());
            Instant after = Instant.now();
            JsonNode pushed = since(audit, "www.pushed.test");
            assertThat(pushed.get("exact").asBoolean()).isTrue();
            assertThat(pushed.get("batch").asLong()).isEqualTo(first.get("sequence").asLong());
            Instant time = Instant.parse(pushed.get("time").asString());
            assertThat(time).isBetween(before, after)
                    .isEqualTo(node.node().control().journalState().source("urgent").orElseThrow().entries().get("pushed.test").since());
            assertLastRecordNamesThePolicyInForce(audit, "push");

            // the same entry again under the same basis, with a new one: the first keeps its time and batch
            push.send("POST", "/v1/sources/urgent/changes", batch.formatted("order-2", "\"pushed.test\", \"next.test\""));
            assertThat(since(audit, "pushed.test")).isEqualTo(pushed);
            assertThat(since(audit, "next.test").get("batch").asLong()).isEqualTo(first.get("sequence").asLong() + 1);
            assertThat(since(push, "www.old.test")).as("a source the regulator may not see").isEqualTo(json("null"));

            Files.writeString(dir.resolve("list.txt"), "old.test\nnew.test\n", UTF_8);
            assertThat(node.node().reloadFromSource().applied()).isTrue();
            assertLastRecordNamesThePolicyInForce(audit, "reload");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JsonNode since(Api api, String name) throws Exception {
        return json(api.call("GET", "/v1/lookup?name=" + name).body()).get("since");
    }

    /** The last history record is a {@code change} naming the policy /v1/policy shows: its content hash and serial. */
    private static void assertLastRecordNamesThePolicyInForce(Api api, String change) throws Exception {
        JsonNode policy = json(api.call("GET", "/v1/policy").body());
        JsonNode records = json(api.call("GET", "/v1/history?limit=1000").body()).get("records");
        JsonNode last = records.get(records.size() - 1);
        assertThat(last.get("change").asString()).isEqualTo(change);
        assertThat(last.get("policyHash").asString()).isEqualTo(policy.get("version").asString()).hasSize(64);
        assertThat(last.get("policyVersion").asLong()).isEqualTo(policy.get("serial").asLong());
    }

    @Test
    void aHeldShrinkIsShownAndAcceptedOverTheApi() throws Exception {
        String token = TokenHash.newToken(new SecureRandom());
        Files.writeString(dir.resolve("list.txt"), "a.test\nb.test\nc.test\nd.test\ne.test\n", UTF_8);
        String body = """
                reload.check-interval = 1d
                sources { list { format = domains, path = "list.txt" } }
                admin.tokens { ops { sha256 = "%s", role = operator } }
                """.formatted(TokenHash.hex(token));
        try (FakeAuthServer upstream = FakeAuthServer.start();
             TestNode node = TestNode.start(dir, upstream.address(), body)) {
            Api api = new Api(node, token);
            assertThat(api.call("GET", "/v1/sources/list/held").statusCode()).isEqualTo(404);
            Files.writeString(dir.resolve("list.txt"), "a.test\n", UTF_8);           // 80% fewer: held
            assertThat(api.call("POST", "/v1/reload").statusCode()).isEqualTo(200);
            HttpResponse<String> held = api.call("GET", "/v1/sources/list/held");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
            assertThat(held.body()).contains("\"entries\":1", "\"entriesInForce\":5");
            assertThat(api.call("GET", "/v1/lookup?name=e.test").body()).contains("\"verdict\":\"block\"");

            HttpResponse<String> accept = api.call("POST", "/v1/sources/list/held/accept");
            assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
            assertThat(accept.body()).contains("\"accepted\":true");
            assertThat(api.call("GET", "/v1/lookup?name=e.test").body()).contains("\"verdict\":\"allow\"");
            assertThat(api.call("GET", "/v1/sources/nosuch/held").statusCode()).isEqualTo(404);
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
        HttpResponse<String> send(String method, String path, String json) throws Exception {
            URI uri = URI.create("http://127.0.0.1:" + node.node().adminAddress().getPort() + path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> call(String method, String path) throws Exception {
            URI uri = URI.create("http://127.0.0.1:" + node.node().adminAddress().getPort() + path);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
