package org.safegate.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import org.safegate.policy.DomainName;

/**
 * Where one request goes, read without ambiguity: several Host headers, an absolute URI whose
 * authority differs from Host, user info in the authority, or a host that is not a name or an IP
 * literal are refused, since each is a known way to make a filter and an origin disagree about
 * the host. Immutable.
 *
 * @param host         normalised name or IP literal (IPv6 without brackets)
 * @param pathAndQuery origin-form target; {@code ""} for CONNECT
 * @param transparent  origin-form request: the client came here by DNS steering
 */
record RequestTarget(String host, int port, String pathAndQuery, boolean transparent, boolean connect) {
    /** @throws OriginException with status 400 naming what is ambiguous or malformed */
    static RequestTarget of(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) throw bad("several Host headers");
        String hostHeader = hosts.isEmpty() ? null : hosts.get(0);
        String uri = request.uri();
        if (request.method().equals(HttpMethod.CONNECT)) {
            RequestTarget t = authority(uri, -1, "", false, true);
            checkSame(t, hostHeader);
            return t;
        }
        if (uri.startsWith("/")) {
            if (hostHeader == null) throw bad("no Host header");
            return authority(hostHeader, 80, uri, true, false);
        }
        if (!uri.regionMatches(true, 0, "http://", 0, 7)) throw bad("target must be /path, http://host/path or host:port for CONNECT");
        int slash = uri.indexOf('/', 7);
        int query = uri.indexOf('?', 7);
        int end = slash < 0 ? (query < 0 ? uri.length() : query) : (query < 0 ? slash : Math.min(slash, query));
        String path = uri.substring(end);
        if (!path.startsWith("/")) path = "/" + path;
        RequestTarget t = authority(uri.substring(7, end), 80, path, false, false);
        checkSame(t, hostHeader);
        return t;
    }

    /** Host and port as the policy and the connector see them, for reusing an origin connection. */
    String origin() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static void checkSame(RequestTarget t, String hostHeader) {
        if (hostHeader == null) return;
        RequestTarget h = authority(hostHeader, t.port, "", false, false);
        if (!h.host.equals(t.host) || h.port != t.port) throw bad("Host header differs from the request target");
    }

    private static RequestTarget authority(String text, int defaultPort, String path, boolean transparent, boolean connect) {
        if (text.isEmpty() || text.indexOf('@') >= 0) throw bad("host: empty or with user info");
        String host;
        String rest;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) throw bad("host: unclosed '['");
            host = text.substring(1, close);
            rest = text.substring(close + 1);
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            rest = colon < 0 ? "" : text.substring(colon);
        }
        int port = defaultPort;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(":")) throw bad("host: junk after the host");
            port = port(rest.substring(1));
        }
        if (port < 0) throw bad("CONNECT target needs a port");
        return new RequestTarget(hostName(host, text.startsWith("[")), port, path, transparent, connect);
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5) throw bad("port: not 1..65535");
        for (int i = 0; i < digits.length(); i++)
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') throw bad("port: not a number");
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) throw bad("port: not 1..65535");
        return port;
    }

    private static String hostName(String host, boolean bracketed) {
        if (bracketed) {
            if (host.indexOf(':') < 0) throw bad("host: only IPv6 addresses go in brackets");
            return host.toLowerCase(Locale.ROOT);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) throw bad("host: character not allowed in a host name");
        }
        String name = DomainName.normalizeOrNull(host);
        if (name == null) throw bad("host: not a valid name");
        return name;
    }

    private static OriginException bad(String reason) {
        return new OriginException(400, reason);
    }
}
