package org.safegate.policy;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The URL rules of one source version: for each rule the SHA-256 of the expression it is listed
 * under, its effect (BLOCK or ALLOW) and its detail. Like {@link DomainList}, compact and immutable.
 *
 * <h2>What a plain entry covers</h2>
 * A plain entry is a canonical expression ({@link CanonicalUrl#expression()}, {@code host/path[?query]}).
 * <ul>
 *   <li>With a query ({@code h/a/b?x=1}): that URL with exactly that query, nothing else.</li>
 *   <li>Ending in {@code '/'} ({@code h/a/b/}): Safe Browsing's prefix, every URL under that directory.</li>
 *   <li>Otherwise ({@code h/a/b}): listed as {@code h/a/b/}, so it covers {@code h/a/b} (any query),
 *       {@code h/a/b/} and everything below on a segment boundary, but not {@code h/a/bc}. Safe Browsing's
 *       own expressions would match {@code h/a/b} exactly only; {@link UrlMatcher} also probes each path
 *       with a {@code '/'} appended, so the one hash covers both (see {@link #listedForm}).</li>
 * </ul>
 * As in Safe Browsing, an entry's host also covers the names below it ({@code b.c/x} covers
 * {@code a.b.c/x}), and only the first three directories of a request are probed: an entry four
 * or more segments deep ({@code h/1/2/3/4} or {@code h/1/2/3/4/}) covers {@code h/1/2/3/4} and
 * {@code h/1/2/3/4/} (with any query) but nothing below them. A third of the benchmark corpus is that
 * deep; probing deeper would cost up to five more digests a directory, and Safe Browsing's hashed
 * lists are written for its bound.
 *
 * <h2>What is kept</h2>
 * Only the 32-byte hashes, never the expression: a heap dump of a confidential list shows no URL
 * (and {@link #toString()} only counts). For plain entries the host is kept, in {@link #steeredHosts()}:
 * DNS must send those hosts to the proxy, and the domain index holds names in clear anyway. A list
 * built only from hashes ({@link Builder#addHash}) knows no host: it blocks only requests that
 * reach the proxy for other reasons (a host steered by another rule, or clients using the proxy
 * explicitly).
 */
public final class UrlList {
    static final int HASH_BYTES = 32;
    private static final Effect[] EFFECTS = Effect.values();
    private static final UrlList EMPTY = new Builder().build();

    private final long[] hashes;        // 4 big-endian words per rule
    private final byte[] effects;
    private final int[] detailRefs;
    private final List<RuleDetail> details;
    private final DomainList steeredHosts;
    private volatile String contentHash;  // computed on first use, as DomainList's

    private UrlList(long[] hashes, byte[] effects, int[] detailRefs, List<RuleDetail> details, DomainList steeredHosts) {
        this.hashes = hashes;
        this.effects = effects;
        this.detailRefs = detailRefs;
        this.details = details;
        this.steeredHosts = steeredHosts;
    }

    public static UrlList empty() {
        return EMPTY;
    }

    public int size() {
        return effects.length;
    }

    public Effect effect(int i) {
        return EFFECTS[effects[i]];
    }

    public RuleDetail detail(int i) {
        return details.get(detailRefs[i]);
    }

    /** Number of rules with each effect, for status and metrics. */
    public int count(Effect effect) {
        int n = 0;
        for (byte e : effects) if (e == effect.ordinal()) n++;
        return n;
    }

    /**
     * The hosts of the plain entries (IP addresses left out: DNS cannot steer them), each as a
     * SUBTREE rule with effect STEER, because an entry's host covers the names below it.
     */
    public DomainList steeredHosts() {
        return steeredHosts;
    }

    /** SHA-256 (hex) of the rules in order (hashes, effects, details) and the steered hosts; see {@link DomainList#contentHash()}. */
    public String contentHash() {
        String hash = contentHash;
        if (hash == null) {
            hash = new ContentDigest().longs(hashes).bytes(effects).ints(detailRefs).text(details.toString())
                    .text(steeredHosts.contentHash()).hex();
            contentHash = hash;
        }
        return hash;
    }

    /** Word {@code w} (0..3) of rule {@code i}'s hash, big-endian. */
    long hashWord(int i, int w) {
        return hashes[i * 4 + w];
    }

    /**
     * The expression a plain entry is listed under: itself when it has a query or ends in
     * {@code '/'}, else itself plus {@code '/'} (see the class comment). A tool that publishes a
     * hashed list for safegate hashes this form.
     */
    public static String listedForm(String expression) {
        int slash = expression.indexOf('/');
        if (slash <= 0)
            throw new IllegalArgumentException("expression: no host before the first '/' (expected: CanonicalUrl.expression())");
        if (expression.indexOf('?') >= 0 || expression.endsWith("/")) return expression;
        return expression + '/';
    }

    /** SHA-256 of {@link #listedForm} of {@code expression}: the hash a plain entry is indexed by. */
    public static byte[] ruleHash(String expression) {
        return sha256().digest(listedForm(expression).getBytes(StandardCharsets.ISO_8859_1));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256: not available (every Java platform must provide it)", e);
        }
    }

    /** Big-endian word {@code w} of a 32-byte hash. */
    static long word(byte[] hash, int w) {
        long v = 0;
        for (int i = w * 8; i < w * 8 + 8; i++) v = v << 8 | (hash[i] & 0xff);
        return v;
    }

    /** Counts only: the list never prints a URL or a hash. */
    @Override
    public String toString() {
        return "UrlList[" + size() + " rules, " + steeredHosts.size() + " hosts]";
    }

    /** Collects rules; not thread-safe. */
    public static final class Builder {
        private final MessageDigest digest = sha256();
        private long[] hashes = new long[64 * 4];
        private byte[] effects = new byte[64];
        private int[] detailRefs = new int[64];
        private int size;
        private final DetailTable details = new DetailTable();
        private final DomainList.Builder hosts = new DomainList.Builder();
        private final Set<String> hostsSeen = new HashSet<>();

        /** Adds a plain entry: a canonical URL's expression, covering what the class comment says. */
        public Builder add(CanonicalUrl url, Effect effect, RuleDetail detail) {
            return add(url.expression(), effect, detail);
        }

        /** Adds a plain entry given as {@link CanonicalUrl#expression()}; the text itself is not kept. */
        public Builder add(String canonicalExpression, Effect effect, RuleDetail detail) {
            String listed = listedForm(canonicalExpression);
            byte[] hash = digest.digest(listed.getBytes(StandardCharsets.ISO_8859_1));
            addHash(hash, effect, detail);
            String host = listed.substring(0, listed.indexOf('/'));
            if (!isIpAddress(host) && host.length() <= DomainName.MAX_LENGTH && hostsSeen.add(host))
                hosts.add(host, Scope.SUBTREE, Effect.STEER, detail);
            return this;
        }

        /** Adds a hashed entry: the SHA-256 of an expression, as Safe Browsing hashes it. */
        public Builder addHash(byte[] sha256, Effect effect, RuleDetail detail) {
            requireNonNull(sha256, "sha256");
            requireNonNull(effect, "effect");
            requireNonNull(detail, "detail");
            if (sha256.length != HASH_BYTES)
                throw new IllegalArgumentException("sha256: " + sha256.length + " bytes (expected: " + HASH_BYTES + ")");
            if (effect == Effect.STEER)
                throw new IllegalArgumentException("effect: STEER for a URL rule (expected: BLOCK or ALLOW)");
            if (size == effects.length) grow();
            for (int w = 0; w < 4; w++) hashes[size * 4 + w] = word(sha256, w);
            effects[size] = (byte) effect.ordinal();
            detailRefs[size] = details.ref(detail);
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        private void grow() {
            int n = size * 2;
            hashes = Arrays.copyOf(hashes, n * 4);
            effects = Arrays.copyOf(effects, n);
            detailRefs = Arrays.copyOf(detailRefs, n);
        }

        public UrlList build() {
            return new UrlList(Arrays.copyOf(hashes, size * 4), Arrays.copyOf(effects, size),
                    Arrays.copyOf(detailRefs, size), details.snapshot(), hosts.build());
        }

        /** Canonical IPv4 hosts are digits and dots only; IPv6 ones are bracketed. */
        private static boolean isIpAddress(String host) {
            if (host.charAt(0) == '[') return true;
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) return false;
            }
            return true;
        }
    }
}
