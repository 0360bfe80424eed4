package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lookups and the policy in force, as each role sees them. */
class AdminReadIT {
    static AdminFixture admin;

    @BeforeAll
    static void start() throws Exception {
        admin = new AdminFixture();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void lookupNamesSourceLegalBasisAndPolicyVersion() throws Exception {
        HttpResponse<String> r = admin.get("/v1/lookup?name=WWW.Casino.Example", admin.auditor);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"canonical\":\"www.casino.example\"", "\"verdict\":\"block\"",
                "\"source\":\"registry\"", "\"entry\":\"casino.example\"", "\"coversBelow\":true",
                "\"authority\":\"Media Authority\"", "\"decision\":\"27-31/2026\"", "\"date\":\"2026-11-20\"",
                "\"hash\":\"" + admin.store.current().contentHash() + "\"",
                // the fixture's node cannot tell: since when the policy in force was compiled, not exact
                "\"since\":{\"time\":\"2026-11-23T10:00:00Z\",\"exact\":false}");
    }

    @Test
    void confidentialRuleIsShownToOperatorsButNotToARegulatorNotGrantedIt() throws Exception {
        assertThat(admin.get("/v1/lookup?name=a.hidden.example", admin.operator).body())
                .contains("\"source\":\"secret\"", "\"confidential\":true");
        String regulator = admin.get("/v1/lookup?name=a.hidden.example", admin.regulator).body();
        assertThat(regulator).contains("\"verdict\":\"block\"", LookupView.HIDDEN, "\"rule\":null", "\"since\":null")
                .doesNotContain("secret", "\"hidden.example\"", "csam");
    }

    @Test
    void regulatorSeesItsOwnSourcesRule() throws Exception {
        assertThat(admin.get("/v1/lookup?url=http://casino.example/x", admin.regulator).body())
                .contains("\"kind\":\"url\"", "\"source\":\"registry\"", "\"checked\":[");
    }

    @Test
    void policyNamesItsContentHashAndEachSourcesVersionAndStatus() throws Exception {
        HttpResponse<String> r = admin.get("/v1/policy", admin.operator);
        assertThat(r.statusCode()).isEqualTo(200);
        var policy = admin.store.current();
        assertThat(r.body()).contains("\"version\":\"" + policy.contentHash() + "\"",
                "\"id\":\"registry\",\"version\":\"" + policy.sourceHashes().get("registry") + "\"",
                "\"id\":\"ads\",\"version\":\"" + policy.sourceHashes().get("ads") + "\",\"entries\":1,\"format\":\"domains\",\"status\":\"ok\"");
    }

    @Test
    void reloadGoesToTheNode() throws Exception {
        int before = admin.reloads.get();
        HttpResponse<String> r = admin.send("POST", "/v1/reload", admin.operator, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"applied\":true");
        assertThat(admin.reloads.get()).isEqualTo(before + 1);
    }

    @Test
    void openApiIsServedWithoutAToken() throws Exception {
        HttpResponse<String> r = admin.get("/v1/openapi.yaml", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("openapi: 3");
    }

    @Test
    void metricsHealthAndReadyNeedNoToken() throws Exception {
        assertThat(admin.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(admin.get("/ready", null).statusCode()).isEqualTo(200);
        assertThat(admin.get("/metrics", null).statusCode()).isEqualTo(200);
    }
}
