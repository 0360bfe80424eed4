package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}): the client ranges a resolver
 * answers. Immutable.
 *
 * @param network      the network address, host bits zero
 * @param prefixLength leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits)
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
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
        InetAddress address;
        try {
            address = IpLiteral.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw notCidr(text);
        }
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) throw notCidr(text);
        int length = Integer.parseInt(prefix);
        if (length > address.getAddress().length * 8) throw notCidr(text);
        Cidr cidr = new Cidr(masked(address, length), length);
        if (!cidr.network.equals(address))
            throw new IllegalArgumentException("\"" + text + "\" has host bits set (expected: " + cidr + ")");
        return cidr;
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

    private static InetAddress masked(InetAddress address, int length) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte array is always an address", e);
        }
    }

    private static IllegalArgumentException notCidr(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a CIDR network (expected: address/prefix-length, like 10.0.0.0/8 or fc00::/7)");
    }
}
