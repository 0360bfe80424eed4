package org.safegate.policy;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A synthetic address list for the benchmarks, the same for every run (fixed seed): four fifths
 * IPv4 networks of /16 to /32 (half of them single hosts, as registers list them), one fifth IPv6
 * networks of /32 to /128, scattered over the whole space, so few nest or touch.
 */
final class AddressCorpus {
    static final long SEED = 20261123L;
    static final SourceMeta SOURCE = new SourceMeta("register", "court-order", Mandate.LEGAL_ORDER, false, 100);

    private AddressCorpus() {}

    static AddressList list(int count) {
        Random random = new Random(SEED);
        AddressList.Builder b = new AddressList.Builder();
        for (int i = 0; i < count; i++) b.add(network(random, i % 5 == 4), Effect.BLOCK);
        return b.build();
    }

    static Policy compile(AddressList list) {
        return Policy.compile(1, List.of(new SourceRules(SOURCE, DomainList.empty(), UrlList.empty(), list)), Instant.EPOCH);
    }

    private static IpNetwork network(Random random, boolean ipv6) {
        byte[] address = new byte[ipv6 ? 16 : 4];
        random.nextBytes(address);
        int bits = address.length * 8;
        int prefix = ipv6 ? 32 + random.nextInt(97) : random.nextBoolean() ? 32 : 16 + random.nextInt(17);
        for (int i = 0; i < address.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            address[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return IpNetwork.of(address, Math.min(prefix, bits));
    }
}
