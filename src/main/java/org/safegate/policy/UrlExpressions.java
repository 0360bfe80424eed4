package org.safegate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The Safe Browsing suffix/prefix expressions of a canonical URL: what a hashed URL list is probed
 * with. A list entry matches a request when the entry's expression is one of the request's.
 *
 * <p>Hosts, in this order: the exact host, then (never for an IP address) the hosts formed by the
 * last five labels, removing the first label successively, down to two labels; so at most five,
 * and never the top-level label alone. Paths, in this order: the path with its query (when there
 * is one), the path without it, then the directories from the root, {@code "/"} plus up to three
 * components; so at most six. Duplicates are skipped. Every host is combined with every path: at
 * most {@value #MAX} expressions. Safe Browsing's own example, {@code http://a.b.c/1/2.html?param=1}:
 * <pre>
 * a.b.c/1/2.html?param=1   a.b.c/1/2.html   a.b.c/   a.b.c/1/
 * b.c/1/2.html?param=1     b.c/1/2.html     b.c/     b.c/1/
 * </pre>
 *
 * <p>{@link #forEach} allocates nothing: the visitor gets each expression as two slices of strings
 * the URL already holds, which a SHA-256 digest can read without building the expression.
 *
 * <p>Thread-safe: static and stateless.
 */
public final class UrlExpressions {
    /** Five hosts times six paths. */
    public static final int MAX = 30;
    private static final int MAX_HOST_LABELS = 5;
    private static final int MAX_DIRECTORIES = 4;

    /** Receives one expression: {@code host.substring(hostFrom) + pathAndQuery.substring(0, pathTo)}. */
    @FunctionalInterface
    public interface Visitor {
        void visit(String host, int hostFrom, String pathAndQuery, int pathTo);
    }

    private UrlExpressions() {}

    /** Calls {@code visitor} once per expression, in the order of the class comment; returns how many. */
    public static int forEach(CanonicalUrl url, Visitor visitor) {
        String host = url.host();
        int count = visitPaths(url, 0, visitor);
        if (isIpAddress(host)) return count;
        int labels = 1;
        for (int i = 0; i < host.length(); i++) if (host.charAt(i) == '.') labels++;
        int start = 0;
        for (int skip = labels - Math.min(MAX_HOST_LABELS, labels - 1); skip > 0; skip--)
            start = host.indexOf('.', start) + 1;
        for (int remaining = Math.min(MAX_HOST_LABELS, labels - 1); remaining >= 2; remaining--) {
            count += visitPaths(url, start, visitor);
            start = host.indexOf('.', start) + 1;
        }
        return count;
    }

    /** The expressions as strings, in the order of the class comment; for list compilers and tests. */
    public static List<String> of(CanonicalUrl url) {
        List<String> out = new ArrayList<>(MAX);
        forEach(url, (host, hostFrom, pathAndQuery, pathTo) ->
                out.add(host.substring(hostFrom) + pathAndQuery.substring(0, pathTo)));
        return out;
    }

    private static int visitPaths(CanonicalUrl url, int hostFrom, Visitor visitor) {
        String host = url.host();
        String pathAndQuery = url.pathAndQuery();
        int pathLength = url.path().length();
        int count = 0;
        if (url.query() != null) {
            visitor.visit(host, hostFrom, pathAndQuery, pathAndQuery.length());
            count++;
        }
        visitor.visit(host, hostFrom, pathAndQuery, pathLength);
        count++;
        int slash = 0;
        for (int directories = 0; directories < MAX_DIRECTORIES && slash >= 0 && slash < pathLength; directories++) {
            if (slash + 1 != pathLength) {
                visitor.visit(host, hostFrom, pathAndQuery, slash + 1);
                count++;
            }
            slash = pathAndQuery.indexOf('/', slash + 1);
        }
        return count;
    }

    /** Canonical IPv4 hosts are digits and dots only (a numeric last label makes an address). */
    private static boolean isIpAddress(String host) {
        if (host.charAt(0) == '[') return true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }
}
