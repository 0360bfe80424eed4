package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what, over a real socket: 401 without a known token, 403 for the wrong role or source. */
class AdminAuthIT {
    static AdminFixture admin;

    @BeforeAll
    static void start() throws Exception {
        admin = new AdminFixture();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    /** One call per route; the roles that may make it. */
    private record Call(String method, String path, String body, List<String> allowed) {}

    private static List<Call> calls() {
        String push = AdminFixture.changes("k-1", "[\"new.example\"]");
        String replace = """
                {"idempotencyKey": "r-1", "legalBasis": {"authority": "A", "decision": "1", "date": "2026-01-02"},
                 "domains": ["a.example"]}""";
        return List.of(
                new Call("GET", "/v1/lookup?name=ads.example", null, List.of("operator", "auditor", "regulator")),
                new Call("GET", "/v1/policy", null, List.of("operator", "auditor")),
                new Call("GET", "/v1/history", null, List.of("operator", "auditor")),
                new Call("POST", "/v1/reload", null, List.of("operator")),
                new Call("POST", "/v1/sources/registry/changes", push, List.of("regulator")),
                new Call("PUT", "/v1/sources/registry", replace, List.of("regulator")),
                new Call("GET", "/v1/sources/registry/held", null, List.of("operator")),
                new Call("POST", "/v1/sources/registry/held/accept", null, List.of("operator")),
                new Call("POST", "/v1/sources/registry/held/reject", null, List.of("operator")));
    }

    @Test
    void everyRouteRefusesNoTokenAWrongTokenAndTheWrongRoles() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (Call c : calls()) {
            HttpResponse<String> none = admin.send(c.method(), c.path(), null, c.body());
            soft.assertThat(none.statusCode()).as("%s %s without a token", c.method(), c.path()).isEqualTo(401);
            soft.assertThat(none.headers().firstValue("www-authenticate")).as("challenge").hasValue("Bearer realm=\"safegate\"");
            soft.assertThat(none.body()).contains("\"field\":\"Authorization\"");
            HttpResponse<String> wrong = admin.send(c.method(), c.path(), admin.unknown, c.body());
            soft.assertThat(wrong.statusCode()).as("%s %s with an unknown token", c.method(), c.path()).isEqualTo(401);
            soft.assertThat(wrong.headers().firstValue("www-authenticate").orElse("")).contains("error=\"invalid_token\"");
            for (String role : List.of("operator", "auditor", "regulator")) {
                int status = admin.send(c.method(), c.path(), token(role), c.body()).statusCode();
                if (c.allowed().contains(role))
                    soft.assertThat(status).as("%s %s as %s", c.method(), c.path(), role).isNotIn(401, 403);
                else
                    soft.assertThat(status).as("%s %s as %s", c.method(), c.path(), role).isEqualTo(403);
            }
        }
        soft.assertAll();
    }

    @Test
    void everyRouteOfTheServerIsInTheMatrix() {
        List<String> tested = new ArrayList<>();
        for (Call c : calls()) tested.add(c.method() + " " + c.path().replace("registry", "{id}").replaceAll("\\?.*", ""));
        List<String> routes = new ArrayList<>(admin.server.routes());
        routes.remove("GET /v1/openapi.yaml");              // public on purpose
        assertThat(tested).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void regulatorPushingToASourceNotGrantedIsForbiddenAndNothingIsPushed() throws Exception {
        int before = admin.pushed.size();
        HttpResponse<String> r = admin.send("POST", "/v1/sources/ads/changes", admin.regulator,
                AdminFixture.changes("k-2", "[\"x.example\"]"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"field\":\"id\"", "not granted source ads");
        assertThat(admin.pushed).hasSize(before);
    }

    @Test
    void grantedRegulatorsPushReachesTheTargetValidated() throws Exception {
        HttpResponse<String> r = admin.send("POST", "/v1/sources/registry/changes", admin.regulator,
                AdminFixture.changes("k-3", "[\"WWW.New-Order.Example.\"]"));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(admin.pushed).anySatisfy(b -> {
            assertThat(b.idempotencyKey()).isEqualTo("k-3");
            assertThat(b.caller()).isEqualTo("agency");
            assertThat(b.add().domains()).containsExactly("www.new-order.example");
            assertThat(b.legalBasis().decisionNumber()).isEqualTo("27-31/2026");
        });
    }

    @Test
    void unconfiguredPartsAnswer503() throws Exception {
        HttpResponse<String> r = admin.get("/v1/history", admin.auditor);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("history not configured");
        assertThat(admin.get("/v1/sources/ads/held", admin.operator).statusCode()).isEqualTo(503);
    }

    private static String token(String role) {
        return switch (role) {
            case "operator" -> admin.operator;
            case "auditor" -> admin.auditor;
            default -> admin.regulator;
        };
    }
}
