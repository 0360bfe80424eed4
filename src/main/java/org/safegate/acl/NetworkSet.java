package org.safegate.acl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A set of IP networks in CIDR notation ({@code "10.0.0.0/8"}, {@code "2001:db8::/32"}; a bare
 * address is a /32 or /128), asked "does it hold this address?" once per query.
 *
 * <p>Networks are merged into disjoint, sorted ranges, so {@link #contains} is a binary search and
 * allocates nothing for IPv4 (IPv6 costs one 16-byte copy: {@link Inet6Address} offers no other
 * access to its bytes). IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}), as networks or as
 * addresses, are treated as the IPv4 addresses they carry, so a dual-stack socket's view of an
 * IPv4 client matches the IPv4 networks.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetworkSet {
    /** {@link Inet4Address#hashCode()} is the address itself on every JDK we know; checked once, not assumed. */
    private static final boolean HASH_IS_IPV4_ADDRESS = hashIsAddress();

    private final long[] v4Starts;   // unsigned 32-bit values in longs, sorted, disjoint
    private final long[] v4Ends;
    private final long[] v6Starts;   // hi, lo pairs: [2i] hi, [2i+1] lo; sorted, disjoint
    private final long[] v6Ends;
    private final List<String> networks;

    private NetworkSet(List<Range> v4, List<Range> v6, List<String> networks) {
        this.v4Starts = new long[v4.size()];
        this.v4Ends = new long[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            v4Starts[i] = v4.get(i).startLo;
            v4Ends[i] = v4.get(i).endLo;
        }
        this.v6Starts = new long[v6.size() * 2];
        this.v6Ends = new long[v6.size() * 2];
        for (int i = 0; i < v6.size(); i++) {
            Range r = v6.get(i);
            v6Starts[2 * i] = r.startHi;
            v6Starts[2 * i + 1] = r.startLo;
            v6Ends[2 * i] = r.endHi;
            v6Ends[2 * i + 1] = r.endLo;
        }
        this.networks = List.copyOf(networks);
    }

    /**
     * Parses every entry with {@link Cidr#parseLenient} and reports every bad one together.
     *
     * @throws IllegalArgumentException naming each bad entry, its position and what was expected
     */
    public static NetworkSet parse(Collection<String> cidrs) {
        List<Range> v4 = new ArrayList<>();
        List<Range> v6 = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (String cidr : cidrs) {
            try {
                if (cidr == null) throw new IllegalArgumentException("null (expected: a network such as 10.0.0.0/8)");
                Range range = Range.of(Cidr.parseLenient(cidr));
                (range.v4 ? v4 : v6).add(range);
                canonical.add(range.text);
            } catch (IllegalArgumentException e) {
                problems.add("[" + index + "] " + e.getMessage());
            }
            index++;
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException("networks: " + String.join("; ", problems));
        return new NetworkSet(merge(v4), merge(v6), canonical);
    }

    public static NetworkSet of(String... cidrs) {
        return parse(Arrays.asList(cidrs));
    }

    /** True when {@code address} lies in one of the networks; null is in none. */
    public boolean contains(InetAddress address) {
        if (address instanceof Inet4Address) {
            int a = HASH_IS_IPV4_ADDRESS ? address.hashCode() : toInt(address.getAddress(), 0);
            return containsV4(a & 0xffff_ffffL);
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            if (isMappedV4(b)) return containsV4(toInt(b, 12) & 0xffff_ffffL);
            return containsV6(toLong(b, 0), toLong(b, 8));
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** The networks as given, in canonical form ({@code "10.0.0.0/8"}). */
    public List<String> networks() {
        return networks;
    }

    @Override
    public String toString() {
        return String.join(", ", networks);
    }

    private boolean containsV4(long a) {
        int lo = 0;
        int hi = v4Starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4Starts[mid] <= a) {
                if (a <= v4Ends[mid]) return true;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    private boolean containsV6(long aHi, long aLo) {
        int lo = 0;
        int hi = v6Starts.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6Starts[2 * mid], v6Starts[2 * mid + 1], aHi, aLo) <= 0) {
                if (compare(aHi, aLo, v6Ends[2 * mid], v6Ends[2 * mid + 1]) <= 0) return true;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Sorts and joins overlapping or adjacent ranges, so lookups see disjoint ones. */
    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.<Range>comparingLong(r -> r.startHi ^ Long.MIN_VALUE)
                .thenComparingLong(r -> r.startLo ^ Long.MIN_VALUE));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && compare(r.startHi, r.startLo, last.endHi, last.endLo) <= 0) {
                if (compare(r.endHi, r.endLo, last.endHi, last.endLo) > 0) merged.set(merged.size() - 1, last.withEnd(r));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    private static boolean isMappedV4(byte[] b) {
        if (b.length != 16) return false;
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static int toInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | (b[offset + 3] & 0xff);
    }

    private static long toLong(byte[] b, int offset) {
        return (long) toInt(b, offset) << 32 | (toInt(b, offset + 4) & 0xffff_ffffL);
    }

    private static boolean hashIsAddress() {
        try {
            for (byte[] sample : new byte[][] {{10, 0, 0, 1}, {(byte) 192, (byte) 168, 1, (byte) 254}, {(byte) 255, 0, 127, 3}}) {
                if (InetAddress.getByAddress(sample).hashCode() != toInt(sample, 0)) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            return false;           // cannot happen for 4 bytes; the slower path is always right
        }
    }

    /** One network as an inclusive range of addresses; IPv4 ranges use the low word only. */
    private static final class Range {
        final boolean v4;
        final long startHi;
        final long startLo;
        final long endHi;
        final long endLo;
        final String text;

        private Range(boolean v4, long startHi, long startLo, long endHi, long endLo, String text) {
            this.v4 = v4;
            this.startHi = startHi;
            this.startLo = startLo;
            this.endHi = endHi;
            this.endLo = endLo;
            this.text = text;
        }

        Range withEnd(Range other) {
            return new Range(v4, startHi, startLo, other.endHi, other.endLo, text);
        }

        static Range of(Cidr cidr) {
            byte[] bytes = cidr.network().getAddress();
            boolean v4 = bytes.length == 4;
            long hi = v4 ? 0 : toLong(bytes, 0);
            long lo = v4 ? toInt(bytes, 0) & 0xffff_ffffL : toLong(bytes, 8);
            long[] mask = hostMask(v4, cidr.prefixLength());
            return new Range(v4, hi, lo, hi | mask[0], lo | mask[1], cidr.toString());
        }

        /** The bits below the prefix, as {hi, lo}; IPv4 uses the low 32 bits of lo. */
        private static long[] hostMask(boolean v4, int prefix) {
            if (v4) return new long[] {0, prefix == 0 ? 0xffff_ffffL : (1L << (32 - prefix)) - 1};
            long hi = prefix >= 64 ? 0 : (prefix == 0 ? -1L : -1L >>> prefix);
            long lo = prefix >= 128 ? 0 : (prefix <= 64 ? -1L : -1L >>> (prefix - 64));
            return new long[] {hi, lo};
        }
    }
}
