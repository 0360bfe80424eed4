package org.safegate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A record's policy field: counter and content hash, and the counter-only records written before. */
class PolicyVersionTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void counterAndHashReadBackAsWritten() {
        PolicyVersion v = new PolicyVersion(42, HASH);
        assertThat(v.text()).isEqualTo("v42:" + HASH);
        assertThat(PolicyVersion.parse(v.text())).isEqualTo(v);
    }

    @Test
    void aRecordWrittenBeforeTheHashHasTheCounterAndAnEmptyHash() {
        assertThat(PolicyVersion.parse("v7")).isEqualTo(new PolicyVersion(7, ""));
        assertThat(new PolicyVersion(7, "").text()).isEqualTo("v7");
    }

    @Test
    void otherTextReadsAsNoVersion() {
        for (String text : new String[] {"", "v", "policy-v1", "v1x", "7", "v1:a:b", "v99999999999999999999"})
            assertThat(PolicyVersion.parse(text)).as(text).isEqualTo(new PolicyVersion(0, ""));
    }

    @Test
    void aHashWithTheSeparatorIsRefused() {
        assertThatThrownBy(() -> new PolicyVersion(1, "a:b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hash");
    }
}
