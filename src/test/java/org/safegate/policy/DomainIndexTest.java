package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DomainIndexTest {
    private static final Scope[] SCOPES = Scope.values();

    /** One rule as a source lists it; {@code rule} is its reference into the rank table. */
    record Entry(String name, Scope scope, int rule) {}

    private static DomainIndex index(List<Entry> entries, int[] ranks) {
        DomainIndex index = new DomainIndex(entries.size(), ranks);
        for (Entry e : entries) {
            byte[] bytes = e.name().getBytes(StandardCharsets.US_ASCII);
            index.add(bytes, 0, bytes.length, e.scope(), e.rule());
        }
        index.trim();
        return index;
    }

    @Test
    void longestNameMatchesItselfAndThroughItsAncestor() {
        String label = "a".repeat(DomainName.MAX_LABEL_LENGTH);
        String longest = "b" + label.substring(1) + "." + label + "." + label + "." + label.substring(2);
        assertThat(longest).hasSize(DomainName.MAX_LENGTH);
        String parent = longest.substring(longest.indexOf('.') + 1);
        DomainIndex index = index(List.of(new Entry(longest, Scope.EXACT, 0), new Entry(parent, Scope.BELOW, 1)), new int[] {1, 0});

        // A length byte read as signed would make 253 negative and miss both
        assertThat(index.find(longest)).isEqualTo(0L << 32);
        assertThat(index.find("x." + parent)).isEqualTo(1L << 32 | 2 << 1 | 1);
        assertThat(index.find(parent)).isEqualTo(DomainIndex.NOT_FOUND);
    }

    @Test
    void strongerRuleOfOneNameWinsInEitherOrder() {
        int[] ranks = {5, 9};
        List<Entry> weakFirst = List.of(new Entry("a.test", Scope.SUBTREE, 0), new Entry("a.test", Scope.SUBTREE, 1));
        List<Entry> strongFirst = List.of(weakFirst.get(1), weakFirst.get(0));
        for (List<Entry> entries : List.of(weakFirst, strongFirst)) {
            DomainIndex index = index(entries, ranks);
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.find("a.test") >>> 32).isEqualTo(1);
            assertThat(index.find("x.a.test") >>> 32).isEqualTo(1);
        }
    }

    /** The index against the rule of {@link Policy}, written the slow and obvious way. */
    @Property(tries = 300)
    void findAgreesWithAScanOfEveryRule(@ForAll("entries") List<Entry> entries, @ForAll("names") List<String> queries) {
        int[] ranks = new int[entries.size()];
        for (int r = 0; r < ranks.length; r++) ranks[r] = r % 3;
        DomainIndex index = index(entries, ranks);
        List<String> all = new ArrayList<>(queries);
        entries.forEach(e -> all.add(e.name()));
        for (String q : all) assertThat(index.find(q)).as(q).isEqualTo(scan(entries, ranks, q));
    }

    private static long scan(List<Entry> entries, int[] ranks, String q) {
        long best = DomainIndex.NOT_FOUND;
        int bestRank = Integer.MIN_VALUE;
        int bestLength = -1;
        for (Entry e : entries) {
            boolean self = q.equals(e.name()) && e.scope() != Scope.BELOW;
            boolean below = e.scope() != Scope.EXACT && q.length() > e.name().length() && DomainName.isSameOrBelow(q, e.name());
            if (!self && !below) continue;
            int rank = ranks[e.rule()];
            int length = e.name().length();
            // Higher rank, then the longer name; of one name's rules the first at equal rank
            if (rank > bestRank || (rank == bestRank && length > bestLength)) {
                int start = q.length() - length;
                best = (long) e.rule() << 32 | (long) start << 1 | (below ? 1 : 0);
                bestRank = rank;
                bestLength = length;
            }
        }
        return best;
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        Arbitrary<Entry> entry = Combinators.combine(name(), Arbitraries.of(SCOPES)).as((n, s) -> new Entry(n, s, 0));
        return entry.list().ofMaxSize(30).map(list -> {
            List<Entry> numbered = new ArrayList<>();
            for (Entry e : list) numbered.add(new Entry(e.name(), e.scope(), numbered.size()));
            return numbered;
        });
    }

    @Provide
    Arbitrary<List<String>> names() {
        return name().list().ofMaxSize(30);
    }

    /** Few labels, so that names share suffixes and rules overlap. */
    private static Arbitrary<String> name() {
        return Arbitraries.of("a", "b", "ab", "c-d", "x1").list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels));
    }
}
