package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input over a real socket: a 4xx naming the problem, and nothing reaches the push target. */
class AdminInputIT {
    AdminFixture admin;

    @BeforeEach
    void start() throws Exception {
        admin = new AdminFixture(java.util.Optional.empty(), 4096);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private HttpResponse<String> push(String body) throws Exception {
        return admin.send("POST", "/v1/sources/registry/changes", admin.regulator, body);
    }

    @Test
    void malformedJsonIs400AndNothingIsPushed() throws Exception {
        HttpResponse<String> r = push("{\"idempotencyKey\": \"k\", \"add\": {\"domains\": [\"a.example\"");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).contains("malformed JSON");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void unknownFieldIsRefusedAndNamed() throws Exception {
        HttpResponse<String> r = push("""
                {"idempotencyKey": "k-1", "legalBasis": {"authority": "A", "decision": "1", "date": "2026-01-02"},
                 "add": {"domains": ["a.example"], "domainz": ["b.example"]}}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unknown field \\\"domainz\\\"", "\"field\":\"add.domainz\"");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void invalidNameAtAnIndexRefusesTheWholeBatch() throws Exception {
        HttpResponse<String> r = push(AdminFixture.changes("k-2", "[\"good.example\", \"bad..example\", \"fine.example\"]"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"add.domains[1]\"", "bad..example");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void invalidUrlAndAddressAreNamedTogether() throws Exception {
        HttpResponse<String> r = push("""
                {"idempotencyKey": "k-3", "legalBasis": {"authority": "A", "decision": "1", "date": "2026-02-30"},
                 "add": {"urls": ["http://ok.example/a", "http://[broken/x"], "ips": ["192.0.2.1", "10.0.0.1/8"]}}""");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"legalBasis.date\"", "\"field\":\"add.urls[1]\"", "\"field\":\"add.ips[1]\"");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void missingLegalBasisAndKeyAreNamed() throws Exception {
        HttpResponse<String> r = push("{\"add\": {\"domains\": [\"a.example\"]}}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"idempotencyKey\"", "\"field\":\"legalBasis\"");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        HttpResponse<String> r = push("""
                {"idempotencyKey": "k-4", "legalBasis": {"authority": "A", "decision": "1", "date": "2026-01-02"},
                 "add": {"domains": "a.example"}}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"add.domains\"");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void oversizedBodyIs413InJsonAndNothingIsPushed() throws Exception {
        StringBuilder names = new StringBuilder("[");
        for (int i = 0; i < 400; i++) names.append(i == 0 ? "" : ",").append("\"name-").append(i).append(".example\"");
        HttpResponse<String> r = push(AdminFixture.changes("k-5", names.append(']').toString()));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"field\":\"body\"", "larger than 4096 bytes");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void aBatchBothAddingAndRemovingAnEntryIsRefused() throws Exception {
        HttpResponse<String> r = push("""
                {"idempotencyKey": "k-6", "legalBasis": {"authority": "A", "decision": "1", "date": "2026-01-02"},
                 "add": {"domains": ["a.example"]}, "remove": {"domains": ["b.example", "A.example"]}}""");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"remove.domains[1]\"");
        assertThat(admin.pushed).isEmpty();
    }

    @Test
    void wrongMethodIs405WithAllowAndUnknownPathIs404() throws Exception {
        HttpResponse<String> r = admin.send("DELETE", "/v1/reload", admin.operator, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        assertThat(r.body()).contains("\"field\":\"method\"");
        HttpResponse<String> missing = admin.get("/v1/nothing", admin.operator);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"field\":\"path\"");
    }

    @Test
    void lookupNeedsExactlyOneOfNameAndUrl() throws Exception {
        assertThat(admin.get("/v1/lookup", admin.operator).body()).contains("exactly one of name and url");
        HttpResponse<String> bad = admin.get("/v1/lookup?name=bad..example", admin.operator);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"name\"");
    }
}
