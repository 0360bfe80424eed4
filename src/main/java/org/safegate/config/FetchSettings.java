package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a source's file is fetched: {@code safegate.sources.<id>.url} and the keys that go with it.
 * The source's {@code path} is then the download target, which the fetcher replaces atomically.
 *
 * @param url            {@code https:} or {@code file:}; may carry a token in its query, so it is
 *                       never logged or used as a label whole (see {@link #describe(URI)})
 * @param refresh        how often the url is fetched
 * @param connectTimeout wait this long for a connection (and the TLS handshake)
 * @param readTimeout    fail when the server sends nothing (headers or body) for this long
 * @param maxBytes       fail when the file (after gunzip) grows past this
 * @param signature      a detached signature checked before the file is used
 * @param tls            a CA file and a client certificate; empty paths: the system trust store, no client certificate
 */
public record FetchSettings(URI url, Duration refresh, Duration connectTimeout, Duration readTimeout, long maxBytes,
                            Optional<Signature> signature, Tls tls) {
    public FetchSettings {
        requireNonNull(url, "url");
        requireNonNull(refresh, "refresh");
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(readTimeout, "readTimeout");
        requireNonNull(signature, "signature");
        requireNonNull(tls, "tls");
        if (!isSupported(url)) throw new IllegalArgumentException("url: scheme " + url.getScheme() + " (expected: https or file)");
        for (Duration d : new Duration[] {refresh, connectTimeout, readTimeout})
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("duration: " + d + " (expected: > 0)");
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1)");
    }

    /**
     * @param url       where the signature is fetched; by default the file's url with {@code .sig}
     *                  appended to its path
     * @param publicKey a PEM file ({@code -----BEGIN PUBLIC KEY-----}) of an Ed25519, RSA or EC P-256 key
     */
    public record Signature(URI url, Path publicKey) {
        public Signature {
            requireNonNull(url, "url");
            requireNonNull(publicKey, "publicKey");
        }
    }

    /** PEM files; a client certificate comes with its key (PKCS#8, unencrypted). */
    public record Tls(Optional<Path> caFile, Optional<Path> clientCert, Optional<Path> clientKey) {
        public static final Tls SYSTEM = new Tls(Optional.empty(), Optional.empty(), Optional.empty());

        public Tls {
            requireNonNull(caFile, "caFile");
            requireNonNull(clientCert, "clientCert");
            requireNonNull(clientKey, "clientKey");
            if (clientCert.isPresent() != clientKey.isPresent())
                throw new IllegalArgumentException("clientCert and clientKey: one without the other (expected: both or neither)");
        }
    }

    static boolean isSupported(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("https") && url.getHost() != null) || (scheme.equals("file") && url.getPath() != null);
    }

    /** {@code url} with {@code .sig} appended to its path; the query (perhaps a token) is kept. */
    public static URI signatureUrlOf(URI url) {
        String s = url.toString();
        int end = indexOfAny(s, '?', '#');
        return URI.create(s.substring(0, end) + ".sig" + s.substring(end));
    }

    /**
     * The url as logs and messages may show it: scheme, host, port and path; never the user info
     * or the query, which may carry credentials.
     */
    public static String describe(URI url) {
        if ("file".equalsIgnoreCase(url.getScheme())) return "file:" + url.getPath();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?<redacted>");
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) return j < 0 ? s.length() : j;
        return j < 0 ? i : Math.min(i, j);
    }
}
