package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled address index decides every address as a linear scan over the listed networks
 * does: highest rank, then the longest prefix, then the network listed first (IPv4-mapped IPv6
 * addresses are IPv4 addresses, outside every IPv6 network). Networks are drawn
 * near a few seeds (and at the ends of the address space) so that they nest and touch often, and
 * addresses at every network's edges are probed.
 */
class AddressIndexProperties {
    private static final SourceMeta[] SOURCES = {
        new SourceMeta("low", "ads", Mandate.OPERATOR_POLICY, false, 0),
        new SourceMeta("mid", "malware", Mandate.OPERATOR_POLICY, false, 5),
        new SourceMeta("high", "court-order", Mandate.LEGAL_ORDER, false, 9),
    };
    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger MAPPED = BigInteger.valueOf(0xffff);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** One listed network with its source and effect; addresses as unsigned numbers. */
    record Listed(int source, Effect effect, BigInteger first, int prefix, boolean ipv6) {
        BigInteger last() {
            int bits = ipv6 ? 128 : 32;
            return first.or(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        }

        IpNetwork network() {
            return IpNetwork.of(bytes(first, ipv6), prefix);
        }
    }

    @Provide
    Arbitrary<List<Listed>> ipv4Lists() {
        Arbitrary<BigInteger> seed = Arbitraries.of(0L, 0xC000_0200L, 0x0A00_0000L, 0xFFFF_FFFFL).flatMap(s ->
                Arbitraries.longs().between(0, 0xFFFF).map(noise -> BigInteger.valueOf((s ^ noise) & 0xFFFF_FFFFL)));
        return lists(seed, Arbitraries.integers().between(0, 32), false);
    }

    @Provide
    Arbitrary<List<Listed>> ipv6Lists() {
        BigInteger doc = new BigInteger("20010db8000000000000000000000000", 16);
        BigInteger wordEdge = BigInteger.ONE.shiftLeft(64);
        Arbitrary<BigInteger> seed = Arbitraries.of(BigInteger.ZERO, doc, wordEdge, V6_MAX).flatMap(s ->
                Arbitraries.longs().between(0, 0xFFFF).flatMap(noise -> Arbitraries.integers().between(0, 112)
                        .map(shift -> s.xor(BigInteger.valueOf(noise).shiftLeft(shift)))));
        return lists(seed, Arbitraries.integers().between(0, 128), true);
    }

    private static Arbitrary<List<Listed>> lists(Arbitrary<BigInteger> addresses, Arbitrary<Integer> prefixes, boolean ipv6) {
        Arbitrary<Listed> listed = Combinators.combine(Arbitraries.integers().between(0, SOURCES.length - 1),
                        Arbitraries.of(Effect.BLOCK, Effect.ALLOW), addresses, prefixes)
                .as((source, effect, address, prefix) -> {
                    int bits = ipv6 ? 128 : 32;
                    BigInteger mask = (ipv6 ? V6_MAX : V4_MAX).shiftRight(bits - prefix).shiftLeft(bits - prefix);
                    return new Listed(source, effect, address.and(mask), prefix, ipv6);
                });
        return listed.list().ofMinSize(0).ofMaxSize(40);
    }

    @Property(tries = 300)
    void ipv4IndexDecidesAsALinearScan(@ForAll("ipv4Lists") List<Listed> listed) {
        assertSameAsLinearScan(listed, false);
    }

    @Property(tries = 300)
    void ipv6IndexDecidesAsALinearScan(@ForAll("ipv6Lists") List<Listed> listed) {
        assertSameAsLinearScan(listed, true);
    }

    private static void assertSameAsLinearScan(List<Listed> listed, boolean ipv6) {
        Policy policy = compile(listed);
        BigInteger max = ipv6 ? V6_MAX : V4_MAX;
        List<BigInteger> probes = new ArrayList<>(List.of(BigInteger.ZERO, max));
        for (Listed l : listed) {
            probes.add(l.first());
            probes.add(l.last());
            if (l.first().signum() > 0) probes.add(l.first().subtract(BigInteger.ONE));
            if (l.last().compareTo(max) < 0) probes.add(l.last().add(BigInteger.ONE));
        }
        for (BigInteger address : probes) {
            // An IPv4-mapped address is decided as IPv4: no IPv6 network covers it
            Listed expected = ipv6 && address.shiftRight(32).equals(MAPPED) ? null : linearScan(listed, address);
            Verdict verdict = policy.checkAddress(bytes(address, ipv6));
            if (expected == null) {
                assertThat(verdict.matched()).as("address %s", address.toString(16)).isFalse();
            } else {
                assertThat(verdict.rule()).as("address %s", address.toString(16))
                        .isEqualTo(new RuleMeta(SOURCES[expected.source()], expected.effect(), RuleDetail.NONE));
                assertThat(verdict.matchedAddressEntry()).isTrue();
            }
        }
    }

    private static Policy compile(List<Listed> listed) {
        List<SourceRules> sources = new ArrayList<>();
        for (int s = 0; s < SOURCES.length; s++) {
            AddressList.Builder b = new AddressList.Builder();
            for (Listed l : listed) if (l.source() == s) b.add(l.network(), l.effect());
            sources.add(new SourceRules(SOURCES[s], DomainList.empty(), UrlList.empty(), b.build()));
        }
        return Policy.compile(1, sources, Instant.EPOCH);
    }

    /** The naive rule: of the networks holding the address, highest rank, then longest prefix, then listed first. */
    private static Listed linearScan(List<Listed> listed, BigInteger address) {
        // Compile order is source by source, each in listing order: "first" means first in that order
        List<Listed> ordered = new ArrayList<>();
        for (int s = 0; s < SOURCES.length; s++) for (Listed l : listed) if (l.source() == s) ordered.add(l);
        Listed best = null;
        for (Listed l : ordered) {
            if (address.compareTo(l.first()) < 0 || address.compareTo(l.last()) > 0) continue;
            if (best == null || rank(l) > rank(best) || (rank(l) == rank(best) && l.prefix() > best.prefix())) best = l;
        }
        return best;
    }

    private static int rank(Listed l) {
        return new RuleMeta(SOURCES[l.source()], l.effect(), RuleDetail.NONE).rank();
    }

    private static byte[] bytes(BigInteger value, boolean ipv6) {
        byte[] out = new byte[ipv6 ? 16 : 4];
        byte[] raw = value.toByteArray();              // big-endian, maybe with a leading sign byte
        for (int i = 0; i < out.length && i < raw.length; i++) out[out.length - 1 - i] = raw[raw.length - 1 - i];
        return out;
    }
}
