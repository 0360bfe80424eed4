package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One immutable snapshot of the blocking policy, compiled from every source's version in force.
 *
 * <h2>Which rule wins</h2>
 * Every rule that covers a name takes part: the name's own EXACT or SUBTREE entries and each
 * ancestor's SUBTREE or BELOW entries. Of these:
 * <ol>
 *   <li>the rule of the source with the higher {@link SourceMeta#precedence() precedence} wins;</li>
 *   <li>at equal precedence, ALLOW beats BLOCK beats STEER (an allow-list is an exception list);</li>
 *   <li>at equal precedence and effect, the most specific rule wins (the longest matched name).</li>
 * </ol>
 * So an operator's allow-list at the default precedence unblocks a community ad list's entry, but
 * not a regulator's order, unless the operator gives it a higher precedence than the regulator.
 *
 * <p>URLs ({@link #checkUrl}) rank the same way: every URL rule matching one of the URL's
 * expressions and the host's own domain rule take part, so a domain-level BLOCK of the host blocks
 * every URL on it unless a URL rule of higher rank (an ALLOW at equal or higher precedence) says
 * otherwise. What a URL rule covers is in {@link UrlList}.
 *
 * <p>Thread-safe: immutable; {@link #check} never blocks and allocates only for a match.
 */
public final class Policy {
    // One matcher per thread for checkUrl(url): its digest and buffers are reused, never shared
    private static final ThreadLocal<UrlMatcher> MATCHERS = ThreadLocal.withInitial(UrlMatcher::new);

    private final long version;
    private final Instant compiledAt;
    private final DomainIndex domains;
    private final DomainIndex steering;   // hosts of URL rules only, apart so checkUrl sees the domain rules' own decision
    private final DomainIndex tlsBlocks;  // hosts of BLOCK_HOST sources' URL rules, as BLOCK rules; only checkTlsHost reads it
    private final UrlIndex urls;
    private final AddressIndex addresses;
    private final RuleMeta[] rules;
    private final int[] ranks;
    private final Map<String, Integer> entriesBySource;
    private final Map<String, String> sourceHashes;
    private final String contentHash;

    private Policy(long version, Instant compiledAt, DomainIndex domains, DomainIndex steering, DomainIndex tlsBlocks,
            UrlIndex urls, AddressIndex addresses, RuleMeta[] rules, int[] ranks, Map<String, Integer> entriesBySource,
            Map<String, String> sourceHashes) {
        this.version = version;
        this.compiledAt = compiledAt;
        this.domains = domains;
        this.steering = steering;
        this.tlsBlocks = tlsBlocks;
        this.urls = urls;
        this.addresses = addresses;
        this.rules = rules;
        this.ranks = ranks;
        this.entriesBySource = entriesBySource;
        this.sourceHashes = sourceHashes;
        ContentDigest all = new ContentDigest();
        sourceHashes.values().forEach(all::text);          // compile order: precedence ties follow it
        this.contentHash = all.hex();
    }

    /** An empty policy: everything allowed. */
    public static Policy empty(long version) {
        return compile(version, List.of(), Instant.EPOCH);
    }

    /**
     * Compiles a snapshot from each source's rules. CPU-bound (about 0.2 s for 1M names here): call it
     * off the event loops. A source's URL rules also put their hosts in the domain index as SUBTREE
     * STEER rules of that source ({@link UrlList#steeredHosts()}), so DNS sends them to the proxy;
     * for a {@link HttpsUrlEntries#BLOCK_HOST} source, also as BLOCK rules for {@link #checkTlsHost}.
     */
    public static Policy compile(long version, List<SourceRules> sources, Instant now) {
        requireNonNull(now, "now");
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        int names = 0;
        int hosts = 0;
        int tlsHosts = 0;
        int urlRules = 0;
        for (SourceRules s : sources) {
            if (counts.put(s.source().id(), s.size()) != null)
                throw new IllegalArgumentException("source id: " + s.source().id() + " given twice (expected: unique ids)");
            hashes.put(s.source().id(), s.contentHash());
            names += s.domains().size();
            hosts += s.urls().steeredHosts().size();
            if (blocksHostOverTls(s)) tlsHosts += s.urls().steeredHosts().size();
            urlRules += s.urls().size();
        }
        // Rule ids first, so the indexes can rank while inserting
        RuleTable table = new RuleTable();
        int[][] domainRefs = new int[sources.size()][];
        int[][] hostRefs = new int[sources.size()][];
        int[][] tlsRefs = new int[sources.size()][];
        int[][] urlRefs = new int[sources.size()][];
        int[][] addressRefs = new int[sources.size()][];
        for (int si = 0; si < sources.size(); si++) {
            SourceRules s = sources.get(si);
            domainRefs[si] = table.refs(s.source(), s.domains());
            DomainList steered = s.urls().steeredHosts();
            hostRefs[si] = table.refs(s.source(), steered);
            if (blocksHostOverTls(s)) tlsRefs[si] = table.refs(s.source(), steered.size(), i -> Effect.BLOCK, steered::detail);
            UrlList urls = s.urls();
            urlRefs[si] = table.refs(s.source(), urls.size(), urls::effect, urls::detail);
            AddressList listed = s.addresses();
            addressRefs[si] = table.refs(s.source(), listed.size(), listed::effect, listed::detail);
        }
        int[] ranks = table.ranks();
        DomainIndex domains = new DomainIndex(names, ranks);
        DomainIndex steering = new DomainIndex(hosts, ranks);
        DomainIndex tlsBlocks = new DomainIndex(tlsHosts, ranks);
        UrlIndex.Builder urls = new UrlIndex.Builder(urlRules, ranks);
        AddressIndex.Builder addresses = new AddressIndex.Builder(ranks);
        for (int si = 0; si < sources.size(); si++) {
            SourceRules s = sources.get(si);
            addAll(domains, s.domains(), domainRefs[si]);
            addAll(steering, s.urls().steeredHosts(), hostRefs[si]);
            if (tlsRefs[si] != null) addAll(tlsBlocks, s.urls().steeredHosts(), tlsRefs[si]);
            for (int i = 0; i < s.urls().size(); i++) urls.add(s.urls(), i, urlRefs[si][i]);
            for (int i = 0; i < s.addresses().size(); i++) addresses.add(s.addresses(), i, addressRefs[si][i]);
        }
        domains.trim();
        steering.trim();
        tlsBlocks.trim();
        return new Policy(version, now, domains, steering, tlsBlocks, urls.build(), addresses.build(),
                table.rules.toArray(RuleMeta[]::new), ranks, Map.copyOf(counts), Collections.unmodifiableMap(hashes));
    }

    private static boolean blocksHostOverTls(SourceRules s) {
        return s.source().httpsUrlEntries() == HttpsUrlEntries.BLOCK_HOST;
    }

    private static void addAll(DomainIndex index, DomainList list, int[] refs) {
        byte[] pool = list.pool();
        for (int i = 0; i < list.size(); i++) index.add(pool, list.start(i), list.end(i), list.scope(i), refs[i]);
    }

    /** The compile-time table of distinct rules; an index entry holds a rule's position in it. */
    private static final class RuleTable {
        final Map<RuleMeta, Integer> ids = new HashMap<>();
        final List<RuleMeta> rules = new ArrayList<>();

        int[] refs(SourceMeta source, DomainList list) {
            return refs(source, list.size(), list::effect, list::detail);
        }

        int[] refs(SourceMeta source, int size, IntFunction<Effect> effects, IntFunction<RuleDetail> details) {
            int[] refs = new int[size];
            RuleMeta last = null;
            int lastId = -1;
            for (int i = 0; i < size; i++) {
                RuleMeta meta = new RuleMeta(source, effects.apply(i), details.apply(i));
                if (!meta.equals(last)) {
                    last = meta;
                    lastId = ids.computeIfAbsent(meta, m -> {
                        rules.add(m);
                        return rules.size() - 1;
                    });
                }
                refs[i] = lastId;
            }
            return refs;
        }

        int[] ranks() {
            int[] ranks = new int[rules.size()];
            for (int r = 0; r < ranks.length; r++) ranks[r] = rules.get(r).rank();
            return ranks;
        }
    }

    /** Monotonic version, assigned by whoever compiles; {@link PolicyStore} only accepts newer ones. */
    public long version() {
        return version;
    }

    public Instant compiledAt() {
        return compiledAt;
    }

    /** Number of distinct names in the domain index, plus the distinct hosts steered for URL rules. */
    public int distinctNames() {
        return domains.size() + steering.size();
    }

    /** Number of distinct rule hashes in the URL index. */
    public int distinctUrlHashes() {
        return urls.size();
    }

    /** Disjoint address ranges in the address index, after overlaps are resolved and neighbours merged. */
    public int distinctAddressRanges() {
        return addresses.size();
    }

    /** Entries (domain, URL and address rules) each source contributed, by source id. */
    public Map<String, Integer> entriesBySource() {
        return entriesBySource;
    }

    /**
     * The content of this snapshot: SHA-256 (hex) over each source's {@link #sourceHashes() hash} in
     * compile order. Unlike {@link #version()}, which counts compiles on one node, equal lists and
     * settings give an equal hash on every node, so an auditor can compare two nodes, or a node
     * with a history record.
     */
    public String contentHash() {
        return contentHash;
    }

    /** Each source's {@link SourceRules#contentHash()}, by source id, in compile order. */
    public Map<String, String> sourceHashes() {
        return sourceHashes;
    }

    /**
     * Decides a normalised name ({@link DomainName#normalize}). A name that is not normalised
     * simply matches nothing.
     */
    public Verdict check(String normalizedName) {
        long found = domains.find(normalizedName);
        if (steering.size() > 0) {
            // As if one index: the steering rule wins only above the domain rules' rank (a tie is the same action)
            long steer = steering.find(normalizedName);
            if (steer != DomainIndex.NOT_FOUND
                    && (found == DomainIndex.NOT_FOUND || ranks[(int) (steer >>> 32)] > ranks[(int) (found >>> 32)]))
                found = steer;
        }
        return found == DomainIndex.NOT_FOUND ? Verdict.NO_MATCH : verdict(found, normalizedName);
    }

    /**
     * Decides a host whose path cannot be seen: a CONNECT tunnel, or TLS passed through by its
     * server name. As {@link #check}, except that the URL rules of a {@link HttpsUrlEntries#BLOCK_HOST}
     * source block the hosts they name (and the names below them, as steering does), as a BLOCK
     * rule of that source ranked against the host's domain rules: an allow of higher precedence
     * still wins; steering, which only routes, does not take part.
     */
    public Verdict checkTlsHost(String normalizedName) {
        Verdict verdict = check(normalizedName);
        if (tlsBlocks.size() == 0 || verdict.action() == Verdict.Action.BLOCK) return verdict;
        long block = tlsBlocks.find(normalizedName);
        if (block == DomainIndex.NOT_FOUND) return verdict;
        long found = domains.find(normalizedName);
        if (found != DomainIndex.NOT_FOUND && ranks[(int) (found >>> 32)] > ranks[(int) (block >>> 32)]) return verdict;
        return verdict(block, normalizedName);
    }

    private Verdict verdict(long found, String name) {
        RuleMeta rule = rules[(int) (found >>> 32)];
        int matchStart = (int) (found & 0xffff_ffffL) >>> 1;
        Scope matchedBy = (found & 1) == 1 ? Scope.BELOW : Scope.EXACT;
        return new Verdict(actionOf(rule.effect()), rule, name, matchStart, matchedBy);
    }

    /** Decides a canonical URL with this thread's {@link UrlMatcher}; see {@link #checkUrl(CanonicalUrl, UrlMatcher)}. */
    public Verdict checkUrl(CanonicalUrl url) {
        return checkUrl(url, MATCHERS.get());
    }

    /**
     * Decides a canonical URL: the strongest URL rule among its expressions ({@link UrlMatcher}),
     * against the host's domain rule, by the ranking above; at equal rank the URL rule, the more
     * specific, is the one reported. A host's STEER rule only routes the request here and takes no
     * part (nor do the hosts steered for URL rules; a domain list's own STEER entry does, and hides a
     * BLOCK of lower precedence on the same host). Allocates only for a match; the verdict of a confidential URL rule holds no expression.
     */
    public Verdict checkUrl(CanonicalUrl url, UrlMatcher matcher) {
        requireNonNull(url, "url");
        requireNonNull(matcher, "matcher");
        long found = domains.find(url.host());
        RuleMeta hostRule = found == DomainIndex.NOT_FOUND ? null : rules[(int) (found >>> 32)];
        if (hostRule != null && hostRule.effect() == Effect.STEER) hostRule = null;
        int ref = matcher.match(urls, ranks, url);
        if (ref == UrlIndex.NOT_FOUND) return hostRule == null ? Verdict.NO_MATCH : verdict(found, url.host());
        RuleMeta rule = rules[ref];
        if (hostRule != null && hostRule.rank() > rule.rank()) return verdict(found, url.host());
        String expression = rule.source().confidential() ? "" : matcher.matchedExpression(url);
        return Verdict.ofUrl(actionOf(rule.effect()), rule, expression, !matcher.matchedWholeUrl(url));
    }

    /** Decides an address; see {@link #checkAddress(byte[], int, int)}. {@code getAddress()} copies its 4 or 16 bytes. */
    public Verdict checkAddress(InetAddress address) {
        byte[] bytes = requireNonNull(address, "address").getAddress();
        return checkAddress(bytes, 0, bytes.length);
    }

    /** Decides 4 (IPv4) or 16 (IPv6) address bytes; see {@link #checkAddress(byte[], int, int)}. */
    public Verdict checkAddress(byte[] address) {
        return checkAddress(address, 0, address.length);
    }

    /**
     * Decides the address in {@code bytes[offset, offset + length)}, 4 bytes for IPv4, 16 for IPv6 (as
     * in an A or AAAA record's data), against the address rules ({@link AddressIndex} says how
     * overlapping networks rank). An IPv4-mapped IPv6 address is decided as the IPv4 address it
     * carries. Allocates nothing when no rule matches; a match's verdict names the address (empty
     * for a confidential source, whose listed networks must not be readable through it).
     */
    public Verdict checkAddress(byte[] bytes, int offset, int length) {
        RuleMeta rule = addressRule(bytes, offset, length);
        if (rule == null) return Verdict.NO_MATCH;
        String text = rule.source().confidential() ? "" : IpNetwork.text(bytes, offset, length);
        return Verdict.ofAddress(actionOf(rule.effect()), rule, text);
    }

    /**
     * The rule deciding the address in {@code bytes[offset, offset + length)}, or null: what
     * {@link #checkAddress(byte[], int, int)} decides on, without building a verdict, for the DNS
     * answer check that runs on every cache hit and needs only the rule.
     */
    public RuleMeta addressRule(byte[] bytes, int offset, int length) {
        int ref = addresses.find(bytes, offset, length);
        return ref == AddressIndex.NOT_FOUND ? null : rules[ref];
    }

    @Override
    public String toString() {
        return "Policy[version " + version + ", " + domains.size() + " names, " + urls.size() + " URL hashes, "
                + addresses.size() + " address ranges]";
    }

    private static Verdict.Action actionOf(Effect effect) {
        return switch (effect) {
            case ALLOW -> Verdict.Action.ALLOW;
            case BLOCK -> Verdict.Action.BLOCK;
            case STEER -> Verdict.Action.STEER;
        };
    }
}
