package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoints: literal addresses only, never a name, never a lookup (IP literals and CIDR: see the acl tests). */
class AddressParsingTest {
    @Test
    void endpointsParse() {
        assertThat(Endpoint.parse("127.0.0.1:53")).isEqualTo(new Endpoint("127.0.0.1", 53));
        assertThat(Endpoint.parse("[2001:db8::53]:853")).isEqualTo(new Endpoint("2001:db8::53", 853));
        assertThat(Endpoint.parse("[::]:0")).isEqualTo(new Endpoint("::", 0));
        assertThat(Endpoint.parse("[::1]:53").toString()).isEqualTo("[::1]:53");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":53", "localhost:53", "::1:53", "[::1]", "[::1]53", "[127.0.0.1]:53",
            "127.0.0.1:5x", "127.0.0.1:-1", "127.0.0.1:123456", "[localhost]:53"})
    void badEndpointsAreRefused(String text) {
        assertThatThrownBy(() -> Endpoint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not an endpoint (expected: \"ip:port\" or \"[ipv6]:port\" with a literal address)");
    }

    @Test
    void portAboveRangeSaysSo() {
        assertThatThrownBy(() -> Endpoint.parse("127.0.0.1:65536")).hasMessage("\"127.0.0.1:65536\" has port 65536 (expected: 0..65535)");
    }
}
