package org.safegate.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals: parsed without DNS, never a name. */
class IpLiteralTest {
    @Test
    void ipLiteralsParse() throws Exception {
        assertThat(IpLiteral.parse("192.0.2.1")).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(IpLiteral.parse("0.0.0.0").getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(IpLiteral.parse("2001:db8::1").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("[::1]").isLoopbackAddress()).isTrue();
    }

    // "999.1.1.1" and "1.2.3" are the ones the JDK would have sent to DNS (and a wildcard search
    // domain could have answered)
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "999.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.", "", "::g", ".1::", "1:2", "fe80::1%eth0", "١.٢.٣.٤"})
    void nonLiteralsAreRefused(String text) {
        assertThatThrownBy(() -> IpLiteral.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an IP address literal (expected: like 192.0.2.1 or 2001:db8::1)");
    }
}
