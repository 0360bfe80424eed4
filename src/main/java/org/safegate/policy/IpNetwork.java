package org.safegate.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network read from list text: {@code 192.0.2.7}, {@code 192.0.2.0/24},
 * {@code 2001:db8::/32}. A bare address is the network holding it alone (/32, /128). Host bits must
 * be zero ({@code 10.0.0.1/8} is refused: more often a typo for a /32 than a way of writing
 * 10.0.0.0/8). An IPv4-mapped network ({@code ::ffff:192.0.2.0/120}) is the IPv4 network it carries.
 *
 * <p>The same rules as {@code acl.Cidr}, which the policy may not import (it depends on nothing of
 * ours); feeds parse with this one. Never a DNS lookup: only digits, hex, {@code ':'} and {@code '.'}
 * reach the JDK's parser. Immutable.
 */
public final class IpNetwork {
    private final boolean ipv6;
    private final long high;            // IPv6: bits 127..64; IPv4: 0
    private final long low;             // IPv6: bits 63..0; IPv4: the address, unsigned, in the low 32 bits
    private final int prefixLength;

    private IpNetwork(boolean ipv6, long high, long low, int prefixLength) {
        this.ipv6 = ipv6;
        this.high = high;
        this.low = low;
        this.prefixLength = prefixLength;
    }

    /**
     * Reads {@code address} or {@code address/prefix-length}.
     *
     * @throws InvalidAddressException with a reason that does not quote the text
     */
    public static IpNetwork parse(String text) throws InvalidAddressException {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = addressBytes(addressText);
        boolean mapped = bytes.length == 4 && addressText.indexOf(':') >= 0;
        int bits = bytes.length * 8;
        int length = slash < 0 ? bits : prefixLength(text.substring(slash + 1), mapped ? 128 : bits);
        if (mapped) {
            if (length < 96)
                throw new InvalidAddressException("prefix length " + length + " on an IPv4-mapped network (expected: 96..128)");
            length -= 96;
        }
        IpNetwork network = of(bytes, length);
        if (!network.hostBitsZero())
            throw new InvalidAddressException("host bits set for /" + length + " (expected: the network's first address)");
        return network;
    }

    /**
     * Like {@link #parse}, but host bits are cleared instead of refused: {@code 192.0.2.7/24} is
     * {@code 192.0.2.0/24}. For sources whose field is a subnet by definition (a register's
     * {@code ipSubnet}), where the prefix is the intent and the address a sample of it.
     */
    public static IpNetwork parseHolding(String text) throws InvalidAddressException {
        int slash = text.indexOf('/');
        if (slash < 0 || text.indexOf(':') >= 0 && text.indexOf('.') >= 0) return parse(text);   // IPv4-mapped: strict
        byte[] bytes = addressBytes(text.substring(0, slash));
        int length = prefixLength(text.substring(slash + 1), bytes.length * 8);
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            bytes[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return of(bytes, length);
    }

    /** The network of {@code address} (4 or 16 bytes) with {@code prefixLength} leading bits; host bits must be zero. */
    public static IpNetwork of(byte[] address, int prefixLength) {
        if (address.length != 4 && address.length != 16)
            throw new IllegalArgumentException("address: " + address.length + " bytes (expected: 4 or 16)");
        int bits = address.length * 8;
        if (prefixLength < 0 || prefixLength > bits)
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0.." + bits + ")");
        if (address.length == 4) return new IpNetwork(false, 0, word(address, 0, 4), prefixLength);
        return new IpNetwork(true, word(address, 0, 8), word(address, 8, 8), prefixLength);
    }

    /** From the words {@link AddressList} keeps; the caller knows host bits are zero. */
    static IpNetwork ofWords(boolean ipv6, long high, long low, int prefixLength) {
        return new IpNetwork(ipv6, high, low, prefixLength);
    }

    public boolean ipv6() {
        return ipv6;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The first address: bits 127..64 for IPv6, 0 for IPv4. */
    long firstHigh() {
        return high;
    }

    /** The first address: bits 63..0 for IPv6, the unsigned 32-bit address for IPv4. */
    long firstLow() {
        return low;
    }

    /** The last address, low word. */
    long lastLow() {
        return lastLow(ipv6, low, prefixLength);
    }

    static long lastHigh(boolean ipv6, long high, int prefixLength) {
        if (!ipv6) return 0;
        return prefixLength >= 64 ? high : high | (-1L >>> prefixLength);
    }

    static long lastLow(boolean ipv6, long low, int prefixLength) {
        if (!ipv6) return low | (0xffff_ffffL >>> prefixLength);
        if (prefixLength <= 64) return -1L;
        return prefixLength == 128 ? low : low | (-1L >>> (prefixLength - 64));
    }

    private boolean hostBitsZero() {
        if (!ipv6) return (low & (0xffff_ffffL >>> prefixLength)) == 0;
        long hostHigh = prefixLength >= 64 ? 0 : -1L >>> prefixLength;
        long hostLow = prefixLength <= 64 ? -1L : prefixLength == 128 ? 0 : -1L >>> (prefixLength - 64);
        return (high & hostHigh) == 0 && (low & hostLow) == 0;
    }

    /** {@code 192.0.2.0/24}; IPv6 in the JDK's uncompressed form. */
    @Override
    public String toString() {
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        for (int i = 0; i < bytes.length; i++) {
            int bit = (bytes.length - 1 - i) * 8;          // of the 128- or 32-bit number
            bytes[i] = (byte) (bit >= 64 ? high >>> (bit - 64) : low >>> bit);
        }
        return text(bytes, 0, bytes.length) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork n && n.ipv6 == ipv6 && n.high == high && n.low == low && n.prefixLength == prefixLength;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low) * 31 + prefixLength + (ipv6 ? 1 << 8 : 0);
    }

    /** The JDK's text form of {@code length} (4 or 16) address bytes. */
    static String text(byte[] bytes, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        try {
            return InetAddress.getByAddress(copy).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    static long word(byte[] bytes, int offset, int length) {
        long v = 0;
        for (int i = offset; i < offset + length; i++) v = v << 8 | (bytes[i] & 0xff);
        return v;
    }

    private static int prefixLength(String text, int bits) throws InvalidAddressException {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new InvalidAddressException("prefix length is not a number (expected: address/0.." + bits + ")");
        int length = Integer.parseInt(text);
        if (length > bits) throw new InvalidAddressException("prefix length " + length + " (expected: 0.." + bits + ")");
        return length;
    }

    private static byte[] addressBytes(String text) throws InvalidAddressException {
        if (text.indexOf(':') >= 0) return ipv6Bytes(text);
        byte[] v4 = ipv4Bytes(text);
        if (v4 == null)
            throw new InvalidAddressException("not an IP address (expected: like 192.0.2.1, 192.0.2.0/24 or 2001:db8::/32)");
        return v4;
    }

    // Parsed here, not by getByName, which sends a DNS query for text like "999.1.1.1". Leading zeros
    // are refused: some tools read 010 as octal.
    private static byte[] ipv4Bytes(String t) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part == 4) return null;
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) return null;        // a leading zero
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return null;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] ipv6Bytes(String t) throws InvalidAddressException {
        boolean plausible = !t.isEmpty();
        for (int i = 0; i < t.length() && plausible; i++) {
            char c = t.charAt(i);
            plausible = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
        }
        if (!plausible) throw notIpv6();
        try {
            // With only hex digits, ':' and '.', text holding ':' is parsed as a literal: it cannot reach a resolver
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            throw notIpv6();
        }
    }

    private static InvalidAddressException notIpv6() {
        return new InvalidAddressException("not an IPv6 address (expected: like 2001:db8::1 or 2001:db8::/32)");
    }
}
