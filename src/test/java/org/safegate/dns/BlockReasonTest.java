package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.safegate.policy.Effect;
import org.safegate.policy.LegalBasis;
import org.safegate.policy.Mandate;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.RuleMeta;
import org.safegate.policy.SourceMeta;
import org.xbill.DNS.ExtendedErrorCodeOption;

class BlockReasonTest {
    private static RuleMeta rule(Mandate mandate, String category, RuleDetail detail) {
        return new RuleMeta(new SourceMeta("src", category, mandate, false, 10), Effect.BLOCK, detail);
    }

    @Test
    void mandateDecidesTheCode() {
        assertThat(BlockReason.of(rule(Mandate.LEGAL_ORDER, "c", RuleDetail.NONE), "").option(false).getErrorCode())
                .isEqualTo(ExtendedErrorCodeOption.CENSORED);
        assertThat(BlockReason.of(rule(Mandate.OPERATOR_POLICY, "c", RuleDetail.NONE), "").option(false).getErrorCode())
                .isEqualTo(ExtendedErrorCodeOption.BLOCKED);
        assertThat(BlockReason.of(rule(Mandate.CLIENT_CHOICE, "c", RuleDetail.NONE), "").option(false).getErrorCode())
                .isEqualTo(ExtendedErrorCodeOption.FILTERED);
    }

    @Test
    void jsonIsEscapedAndTheBareAddressBecomesAMailtoUri() {
        RuleDetail basis = RuleDetail.of(new LegalBasis("Court \"A\"\\B", "1", LocalDate.of(2024, 1, 2)));
        BlockReason reason = BlockReason.of(rule(Mandate.LEGAL_ORDER, "tab\there", basis), "abuse@isp.example");
        assertThat(reason.option(true).getText()).isEqualTo(
                "{\"j\":\"tab\\u0009here; Court \\\"A\\\"\\\\B, decision 1, 2024-01-02\",\"o\":\"src\",\"c\":[\"mailto:abuse@isp.example\"]}");
        assertThat(reason.option(false).getText()).startsWith("source src; category tab\there; basis Court");
    }

    @Test
    void longTextsAreCutOnACharacterBoundaryAndLongJsonIsNotSent() {
        RuleDetail basis = RuleDetail.of(new LegalBasis("Behörde ".repeat(60), "1", (LocalDate) null));
        BlockReason reason = BlockReason.of(rule(Mandate.LEGAL_ORDER, "c", basis), "https://isp.example/contact");
        String plain = reason.option(false).getText();
        assertThat(plain.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(BlockReason.MAX_TEXT_BYTES);
        assertThat(plain).doesNotContain("\uFFFD");
        assertThat(reason.option(true).getText()).as("cut JSON is no JSON: plain instead").isEqualTo(plain);
    }
}
