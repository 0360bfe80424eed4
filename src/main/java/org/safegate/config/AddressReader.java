package org.safegate.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.safegate.acl.Cidr;
import org.safegate.acl.IpLiteral;

/**
 * Reads addresses: endpoints, IP literals and CIDR networks. Names are never accepted, since
 * resolving them at start-up would depend on DNS, possibly on this very server. Each list element
 * is reported at its own line as {@code key[index]}.
 */
final class AddressReader {
    private static final String ENDPOINT = "\"ip:port\" or \"[ipv6]:port\"";
    private static final String ENDPOINTS = "a list of " + ENDPOINT + " endpoints";
    private static final String NETWORKS = "a list of CIDR networks, like [\"10.0.0.0/8\", \"fc00::/7\"]";
    private static final Endpoint PLACEHOLDER = new Endpoint("0.0.0.0", 0);

    private final ValueReader values;
    private final Problems problems;

    AddressReader(ValueReader values) {
        this.values = values;
        this.problems = values.problems();
    }

    /** @param minPort 0 for a listener (ephemeral, for tests), 1 for a server we send to */
    Endpoint endpoint(String path, int minPort) {
        String text = values.string(path, ENDPOINT);
        ConfigValue v = values.peek(path);
        Endpoint e = v == null || v.valueType() != ConfigValueType.STRING ? null : parse(v, path, text, minPort);
        return e == null ? PLACEHOLDER : e;
    }

    /** @param required true when an empty list would leave the part with nothing to do */
    List<Endpoint> endpoints(String path, int minPort, boolean required) {
        List<? extends ConfigValue> list = values.list(path, ENDPOINTS);
        List<Endpoint> endpoints = new ArrayList<>();
        Set<Endpoint> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String key = path + "[" + i + "]";
            if (v.valueType() != ConfigValueType.STRING) {
                problems.add(v.origin(), key, Problems.render(v) + " is not an endpoint", ENDPOINT);
                continue;
            }
            Endpoint e = parse(v, key, (String) v.unwrapped(), minPort);
            if (e == null) continue;
            if (!seen.add(e)) problems.add(v.origin(), key, Problems.render(v) + " is listed twice", "each endpoint once");
            endpoints.add(e);
        }
        ConfigValue whole = values.peek(path);
        if (required && list.isEmpty() && whole != null && whole.valueType() == ConfigValueType.LIST)
            problems.add(whole.origin(), path, "the list is empty", "at least one endpoint");
        return endpoints;
    }

    /** CIDR networks, validated and kept as written; at least one. */
    List<String> networks(String path) {
        return networks(path, true);
    }

    /** CIDR networks, validated and kept as written; may be empty when {@code required} is false. */
    List<String> networks(String path, boolean required) {
        List<? extends ConfigValue> list = values.list(path, NETWORKS);
        List<String> networks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String key = path + "[" + i + "]";
            if (v.valueType() != ConfigValueType.STRING) {
                problems.add(v.origin(), key, Problems.render(v) + " is not a CIDR network", "address/prefix-length, like 10.0.0.0/8");
                continue;
            }
            String text = ((String) v.unwrapped()).trim();
            try {
                Cidr.parse(text);
                networks.add(text);
            } catch (IllegalArgumentException e) {
                problems.add(v.origin(), key, e.getMessage());
            }
        }
        ConfigValue whole = values.peek(path);
        if (required && list.isEmpty() && whole != null && whole.valueType() == ConfigValueType.LIST)
            problems.add(whole.origin(), path, "the list is empty, so every client would be refused", "at least one network");
        return networks;
    }

    /** An IPv4 ({@code v6} false) or IPv6 literal, as written. */
    String address(String path, boolean v6) {
        String what = v6 ? "an IPv6 address literal" : "an IPv4 address literal";
        String expected = (v6 ? "an IPv6 address like 2001:db8::1" : "an IPv4 address like 192.0.2.1") + ", never a name";
        String text = values.string(path, expected);
        ConfigValue v = values.peek(path);
        String placeholder = v6 ? "::" : "0.0.0.0";
        if (v == null || v.valueType() != ConfigValueType.STRING) return placeholder;   // reported by string()
        if (isFamily(text, v6)) return text;
        problems.add(v.origin(), path, Problems.render(v) + " is not " + what, expected);
        return placeholder;
    }

    private static boolean isFamily(String text, boolean v6) {
        if (text.startsWith("[")) return false;       // brackets belong to endpoints, not addresses
        try {
            InetAddress a = IpLiteral.parse(text);
            return v6 ? a instanceof Inet6Address : a instanceof Inet4Address && text.indexOf(':') < 0;
        } catch (IllegalArgumentException e) {
            return false;                               // the caller reports it, with the family expected
        }
    }

    /** The endpoint, or null after reporting why not. */
    private Endpoint parse(ConfigValue v, String key, String text, int minPort) {
        try {
            Endpoint e = Endpoint.parse(text);
            if (e.port() >= minPort) return e;
            problems.add(v.origin(), key, Problems.render(v) + " has port " + e.port(), minPort + "..65535");
        } catch (IllegalArgumentException e) {
            problems.add(v.origin(), key, e.getMessage());
        }
        return null;
    }
}
