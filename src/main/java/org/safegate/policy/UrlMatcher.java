package org.safegate.policy;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reusable state of URL lookups: a SHA-256 digest and its buffers. Keeping one per thread (an
 * event loop, a worker) makes {@link Policy#checkUrl(CanonicalUrl, UrlMatcher)} allocate nothing
 * unless a rule matches; {@link Policy#checkUrl(CanonicalUrl)} keeps one per thread itself.
 *
 * <p>It probes every Safe Browsing expression of the URL ({@link UrlExpressions}) and, for each
 * path without its query that does not end in {@code '/'}, the same path with {@code '/'} appended,
 * so that a directory entry {@code h/a/b/} also covers {@code h/a/b} (see {@link UrlList}): at most
 * 35 digests. Of the matching rules the highest {@link RuleMeta#rank() rank} wins, and at equal rank
 * the most specific expression (longer host, then longer path).
 *
 * <p>Not thread-safe: one thread at a time. Holds no policy: any snapshot can be checked with it.
 */
public final class UrlMatcher {
    private final UrlExpressions.Visitor visitor = this::visit;
    private final MessageDigest digest = UrlList.sha256();
    private final byte[] hash = new byte[UrlList.HASH_BYTES];
    private byte[] buffer = new byte[256];

    // One lookup's state, reset by match()
    private UrlIndex index;
    private int[] ranks;
    private int pathLength;
    private int bestRule;
    private int bestHostFrom;
    private int bestPathTo;
    private boolean bestSlash;
    private long bestSpecificity;

    public UrlMatcher() {}

    /**
     * Every expression {@link Policy#checkUrl} probes for {@code url}, in probing order: each of
     * {@link UrlExpressions}, followed by its {@code '/'} form where one is probed. For people (the
     * lookup command); the lookups themselves build no strings.
     */
    public static List<String> probedExpressions(CanonicalUrl url) {
        List<String> out = new ArrayList<>(UrlExpressions.MAX + 5);
        int pathLength = url.path().length();
        UrlExpressions.forEach(url, (host, hostFrom, pathAndQuery, pathTo) -> {
            String expression = host.substring(hostFrom) + pathAndQuery.substring(0, pathTo);
            out.add(expression);
            if (slashForm(pathAndQuery, pathTo, pathLength)) out.add(expression + '/');
        });
        return out;
    }

    /** True when the whole path (no query) without a trailing '/' is probed again with one. */
    private static boolean slashForm(String pathAndQuery, int pathTo, int pathLength) {
        return pathTo == pathLength && pathAndQuery.charAt(pathTo - 1) != '/';
    }

    /** Finds the deciding URL rule of {@code url}; returns its reference or {@link UrlIndex#NOT_FOUND}. */
    int match(UrlIndex index, int[] ranks, CanonicalUrl url) {
        this.index = index;
        this.ranks = ranks;
        this.pathLength = url.path().length();
        this.bestRule = UrlIndex.NOT_FOUND;
        this.bestSpecificity = -1;
        if (index.size() > 0) UrlExpressions.forEach(url, visitor);
        this.index = null;            // hold no snapshot between lookups
        this.ranks = null;
        return bestRule;
    }

    /** The matched expression of the last {@link #match}, built only when asked (a match, not confidential). */
    String matchedExpression(CanonicalUrl url) {
        String expression = url.host().substring(bestHostFrom) + url.pathAndQuery().substring(0, bestPathTo);
        return bestSlash ? expression + '/' : expression;
    }

    /** True when the last match was the URL's own expression, not a host suffix, directory or slash form. */
    boolean matchedWholeUrl(CanonicalUrl url) {
        return bestHostFrom == 0 && !bestSlash && bestPathTo == url.pathAndQuery().length();
    }

    private void visit(String host, int hostFrom, String pathAndQuery, int pathTo) {
        int hostLength = host.length() - hostFrom;
        ensureCapacity(hostLength + pathTo + 1);
        for (int i = 0; i < hostLength; i++) buffer[i] = (byte) host.charAt(hostFrom + i);
        for (int i = 0; i < pathTo; i++) buffer[hostLength + i] = (byte) pathAndQuery.charAt(i);
        probe(hostLength + pathTo, hostFrom, pathTo, false, hostLength);
        if (slashForm(pathAndQuery, pathTo, pathLength)) {
            buffer[hostLength + pathTo] = '/';
            probe(hostLength + pathTo + 1, hostFrom, pathTo, true, hostLength);
        }
    }

    private void probe(int length, int hostFrom, int pathTo, boolean slash, int hostLength) {
        digest.update(buffer, 0, length);
        try {
            digest.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256: digest into a " + hash.length + "-byte buffer failed", e);
        }
        int rule = index.find(UrlList.word(hash, 0), UrlList.word(hash, 1), UrlList.word(hash, 2), UrlList.word(hash, 3));
        if (rule == UrlIndex.NOT_FOUND) return;
        long specificity = (long) hostLength << 32 | (pathTo + (slash ? 1 : 0));
        if (bestRule == UrlIndex.NOT_FOUND || ranks[rule] > ranks[bestRule]
                || (ranks[rule] == ranks[bestRule] && specificity > bestSpecificity)) {
            bestRule = rule;
            bestHostFrom = hostFrom;
            bestPathTo = pathTo;
            bestSlash = slash;
            bestSpecificity = specificity;
        }
    }

    private void ensureCapacity(int length) {
        if (length > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length));
    }
}
