package org.safegate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the fetch keys of one source ({@code url}, {@code refresh}, {@code signature}, {@code tls},
 * {@code timeouts}, {@code max-bytes}) into {@link FetchSettings}. {@code refresh}, {@code timeouts}
 * and {@code max-bytes} have defaults in {@code source-defaults}, validated once, at their own lines.
 */
final class FetchReader {
    static final String DOWNLOADS = "downloads";
    static final long MAX_BYTES = 1L << 40;
    private static final String URL_FORM = "https://host/path, or file:/absolute/path";

    private final ValueReader values;
    private final Path base;
    private final Path stateDir;
    private final Duration refresh;
    private final Duration connect;
    private final Duration read;
    private final long maxBytes;

    /**
     * @param base     the directory relative paths are resolved against
     * @param stateDir where downloads are kept unless a source names its own path
     */
    FetchReader(ValueReader values, Path base, Path stateDir) {
        this.values = values;
        this.base = base;
        this.stateDir = stateDir;
        String d = KeyCheck.SOURCE_DEFAULTS + ".";
        this.refresh = refresh(d + "refresh");
        this.connect = connect(d + "timeouts.connect");
        this.read = read(d + "timeouts.read");
        this.maxBytes = values.bytes(d + "max-bytes", 1, MAX_BYTES);
    }

    /** The fetch settings of the source at {@code at}, when it has a {@code url}. */
    Optional<FetchSettings> read(String at, ConfigObject source) {
        if (!source.containsKey("url")) {
            for (String key : new String[] {"signature", "tls"})
                if (source.containsKey(key))
                    values.problems().add(source.get(key).origin(), at + "." + key, "is set but there is no url", "a url, or no " + key);
            return Optional.empty();
        }
        URI url = url(at + ".url");
        return Optional.of(new FetchSettings(url,
                has(at + ".refresh") ? refresh(at + ".refresh") : refresh,
                has(at + ".timeouts.connect") ? connect(at + ".timeouts.connect") : connect,
                has(at + ".timeouts.read") ? read(at + ".timeouts.read") : read,
                has(at + ".max-bytes") ? values.bytes(at + ".max-bytes", 1, MAX_BYTES) : maxBytes,
                has(at + ".signature") ? Optional.of(signature(at + ".signature", url)) : Optional.empty(),
                has(at + ".tls") ? tls(at + ".tls") : FetchSettings.Tls.SYSTEM));
    }

    /**
     * Where a fetched source without a {@code path} is kept: in the state directory, which outlives a
     * restart and is writable under the systemd unit (the config's directory is not), named for the
     * source, with {@code .gz} when the url's is (so the loader gunzips a served archive).
     */
    Path downloadTarget(String id, URI url) {
        String urlPath = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        return stateDir.resolve(DOWNLOADS).resolve(urlPath.endsWith(".gz") ? id + ".gz" : id);
    }

    private URI url(String key) {
        String text = values.string(key, URL_FORM);
        ConfigValue v = values.peek(key);
        URI placeholder = URI.create("file:/dev/null");
        if (v == null) return placeholder;                       // reported by string()
        URI url;
        try {
            url = new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            values.problems().add(v.origin(), key, Problems.render(v) + " is not a URL: " + e.getReason(), URL_FORM);
            return placeholder;
        }
        if (!FetchSettings.isSupported(url)) {
            values.problems().add(v.origin(), key, "scheme " + url.getScheme() + " is not supported", URL_FORM);
            return placeholder;
        }
        if (url.getRawUserInfo() != null) {
            // Never echo the value: user info is a password
            values.problems().add(v.origin(), key, "the URL has user info, which safegate never sends",
                    "no user@ part; use tls.client-cert, or a token in the query");
            return placeholder;
        }
        return url;
    }

    private FetchSettings.Signature signature(String at, URI fileUrl) {
        URI url = has(at + ".url") ? url(at + ".url") : FetchSettings.signatureUrlOf(fileUrl);
        return new FetchSettings.Signature(url, values.path(at + ".public-key", base));
    }

    private FetchSettings.Tls tls(String at) {
        Optional<Path> ca = optionalPath(at + ".ca-file");
        Optional<Path> cert = optionalPath(at + ".client-cert");
        Optional<Path> key = optionalPath(at + ".client-key");
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isPresent() ? "client-key" : "client-cert";
            values.problems().add(values.peek(at).origin(), at + "." + missing, "missing", "client-cert and client-key together");
            return FetchSettings.Tls.SYSTEM;
        }
        return new FetchSettings.Tls(ca, cert, key);
    }

    private Optional<Path> optionalPath(String key) {
        return has(key) ? Optional.of(values.path(key, base)) : Optional.empty();
    }

    private Duration refresh(String key) {
        return values.duration(key, Duration.ofSeconds(1), Duration.ofDays(7));
    }

    private Duration connect(String key) {
        return values.duration(key, Duration.ofMillis(100), Duration.ofMinutes(5));
    }

    private Duration read(String key) {
        return values.duration(key, Duration.ofMillis(100), Duration.ofHours(1));
    }

    private boolean has(String key) {
        return values.peek(key) != null;
    }
}
