package org.safegate.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.safegate.control.PushEntry.Kind;

/** Each entry has one journal form, whatever the spelling, so a remove finds its add. */
class PushEntryTest {
    @Test
    void kindsAreToldApart() {
        assertThat(PushEntry.kind("example.test")).isEqualTo(Kind.DOMAIN);
        assertThat(PushEntry.kind("host1.example")).isEqualTo(Kind.DOMAIN);
        assertThat(PushEntry.kind("http://example.test/a")).isEqualTo(Kind.URL);
        assertThat(PushEntry.kind("192.0.2.7")).isEqualTo(Kind.NETWORK);
        assertThat(PushEntry.kind("2001:db8::/32")).isEqualTo(Kind.NETWORK);
        assertThat(PushEntry.kind("198.51.100.0/24")).isEqualTo(Kind.NETWORK);
    }

    @Test
    void spellingsOfOneEntryMeetInOneForm() {
        assertThat(PushEntry.normalize("WWW.Example.TEST.")).isEqualTo("www.example.test");
        assertThat(PushEntry.normalize("HTTP://Example.TEST:80/a/../b")).isEqualTo(PushEntry.normalize("http://example.test/b"));
        assertThat(PushEntry.normalize("192.0.2.7")).isEqualTo(PushEntry.normalize("192.0.2.7/32")).isEqualTo("192.0.2.7/32");
        assertThat(PushEntry.normalize("2001:DB8::/32")).isEqualTo(PushEntry.normalize("2001:db8:0::/32"));
        for (String text : new String[] {"example.test", "http://example.test/b", "192.0.2.0/24", "2001:db8::/32"})
            assertThat(PushEntry.normalize(PushEntry.normalize(text))).as(text).isEqualTo(PushEntry.normalize(text));
    }

    @Test
    void whatIsNoEntryIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> PushEntry.normalize("secret name!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret").hasMessageContaining("expected: a domain name");
        assertThatThrownBy(() -> PushEntry.normalize("10.0.0.1/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
