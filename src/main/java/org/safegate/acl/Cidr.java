package org.safegate.acl;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}): the one parser of network
 * text, used by {@code config} to validate and by {@link NetworkSet} to build its ranges, so the
 * two never disagree. An IPv4-mapped network ({@code ::ffff:192.0.2.0/120}) is the IPv4 network it
 * carries ({@code 192.0.2.0/24}), as a dual-stack socket reports IPv4 clients that way. Immutable.
 *
 * @param network      the network address, host bits zero
 * @param prefixLength leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        requireNonNull(network, "network");
        int bits = bits(network);
        if (prefixLength < 0 || prefixLength > bits)
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
        InetAddress masked = masked(network, prefixLength);
        if (!masked.equals(network))
            throw new IllegalArgumentException("network: " + network.getHostAddress() + " has host bits set for /" + prefixLength
                    + " (expected: " + masked.getHostAddress() + ")");
    }

    /**
     * Parses {@code address/prefix-length}. Host bits must be zero: {@code 10.0.0.1/8} is refused,
     * as it is more often a typo for a /32 than a way of writing 10.0.0.0/8.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Cidr parse(String text) {
        requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0) throw notCidr(text);
        String addressText = text.substring(0, slash);
        InetAddress address = literal(addressText, text);
        boolean mapped = address instanceof Inet4Address && addressText.indexOf(':') >= 0;
        int length = prefixLength(text, text.substring(slash + 1), mapped ? 128 : bits(address));
        if (mapped) length = mappedPrefixLength(text, length);
        InetAddress masked = masked(address, length);
        if (!masked.equals(address))
            throw new IllegalArgumentException("\"" + text + "\" has host bits set (expected: " + new Cidr(masked, length) + ")");
        return new Cidr(address, length);
    }

    /**
     * Like {@link #parse}, and a bare address is the network holding it alone (/32 or /128), for
     * lists where single hosts are common.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Cidr parseLenient(String text) {
        requireNonNull(text, "text");
        if (text.indexOf('/') >= 0) return parse(text);
        try {
            InetAddress address = literal(text, text);
            return new Cidr(address, bits(address));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address or a CIDR network "
                    + "(expected: like 192.0.2.1, 10.0.0.0/8 or fc00::/7)", e);
        }
    }

    /** True when {@code address} is of the same family and inside this network. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) return false;
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) if (a[i] != n[i]) return false;
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** {@code 10.0.0.0/8}; IPv6 in the JDK's uncompressed form. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    /** Brackets belong to endpoints ({@code [::1]:53}), never to a network. */
    private static InetAddress literal(String addressText, String text) {
        if (addressText.startsWith("[")) throw notCidr(text);
        try {
            return IpLiteral.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw notCidr(text);
        }
    }

    private static int prefixLength(String text, String prefix, int bits) {
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) throw notCidr(text);
        int length = Integer.parseInt(prefix);
        if (length > bits) throw notCidr(text);
        return length;
    }

    /** The JDK turns {@code ::ffff:a.b.c.d} into an IPv4 address; its prefix counted 96 bits more. */
    private static int mappedPrefixLength(String text, int length) {
        if (length < 96)
            throw new IllegalArgumentException("\"" + text + "\" has prefix length " + length
                    + " (expected: 96..128 for an IPv4-mapped network)");
        return length - 96;
    }

    private static int bits(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    private static InetAddress masked(InetAddress address, int length) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte array is always an address", e);
        }
    }

    private static IllegalArgumentException notCidr(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a CIDR network (expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)");
    }
}
