package org.safegate.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.zip.GZIPInputStream;
import org.safegate.config.FetchSettings;

/**
 * Moves the bytes of one url into a file or a byte array, within the source's timeouts and size
 * cap: {@code https:} through one {@link HttpClient} (built on first use, so a bad CA or key file
 * fails a fetch, and is retried, instead of failing the start), {@code file:} by copying.
 *
 * <p>Not thread-safe: one fetch at a time (the refresher's thread).
 */
final class Transfer {
    private static final int BUFFER_BYTES = 1 << 16;

    /** One transfer's result; {@code etag} and {@code lastModified} empty when the server sent none. */
    record Download(String sha256, long size, String etag, String lastModified) {}

    private final FetchSettings settings;
    private HttpClient client;

    Transfer(FetchSettings settings) {
        this.settings = settings;
    }

    /**
     * Writes the body of {@code url} to {@code file}; empty when the server says it is unchanged
     * since {@code previous} (304).
     */
    Optional<Download> toFile(URI url, FetchState previous, Path file) throws FetchFailure {
        String what = FetchSettings.describe(url);
        if (isFile(url)) {
            try (InputStream in = Files.newInputStream(Path.of(url))) {
                return Optional.of(copy(what, in, file, new Download("", 0, "", "")));
            } catch (IOException e) {
                throw new FetchFailure(FetchOutcome.Reason.NETWORK, what + ": cannot read: " + e.getClass().getSimpleName());
            }
        }
        HttpRequest.Builder request = request(url).header("Accept-Encoding", "gzip");
        if (!previous.etag().isEmpty()) request.header("If-None-Match", previous.etag());
        if (!previous.lastModified().isEmpty()) request.header("If-Modified-Since", previous.lastModified());
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(url, request.build());
        TimedBody body = new TimedBody(settings.readTimeout());
        response.body().subscribe(body);
        try (body) {
            if (response.statusCode() == 304 && !previous.sha256().isEmpty()) return Optional.empty();
            if (response.statusCode() != 200)
                throw new FetchFailure(FetchOutcome.Reason.STATUS, what + ": HTTP " + response.statusCode()
                        + " (expected: 200, or 304 to a conditional request)");
            Download headers = new Download("", 0, response.headers().firstValue("ETag").orElse(""),
                    response.headers().firstValue("Last-Modified").orElse(""));
            try (InputStream in = decoded(what, response, body)) {
                return Optional.of(copy(what, in, file, headers));
            }
        } catch (IOException e) {
            throw FetchFailure.of(url, e, true);
        }
    }

    /** A small body whole (a signature), at most {@code maxBytes}. */
    byte[] bytes(URI url, int maxBytes) throws FetchFailure {
        String what = FetchSettings.describe(url);
        try {
            if (isFile(url)) return capped(what, Files.newInputStream(Path.of(url)), maxBytes);
        } catch (IOException e) {
            throw new FetchFailure(FetchOutcome.Reason.NETWORK, what + ": cannot read: " + e.getClass().getSimpleName());
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(url, request(url).build());
        TimedBody body = new TimedBody(settings.readTimeout());
        response.body().subscribe(body);
        try (body) {
            if (response.statusCode() != 200)
                throw new FetchFailure(FetchOutcome.Reason.STATUS, what + ": HTTP " + response.statusCode() + " (expected: 200)");
            return capped(what, body, maxBytes);
        } catch (IOException e) {
            throw FetchFailure.of(url, e, true);
        }
    }

    private HttpRequest.Builder request(URI url) {
        // The request timeout runs from the connect to the headers, so it holds both timeouts; TimedBody takes over for the body
        return HttpRequest.newBuilder(url).timeout(settings.connectTimeout().plus(settings.readTimeout())).GET();
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI url, HttpRequest request) throws FetchFailure {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (IOException e) {
            throw FetchFailure.of(url, e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailure(FetchOutcome.Reason.NETWORK, FetchSettings.describe(url) + ": interrupted");
        }
    }

    private HttpClient client() throws FetchFailure {
        if (client != null) return client;
        try {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)    // one download at a time: HTTP/2 brings nothing but another code path
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)   // never from https down to http
                    .sslContext(ClientTls.context(settings.tls()))
                    .build();
            return client;
        } catch (IOException | GeneralSecurityException e) {
            throw new FetchFailure(FetchOutcome.Reason.TLS, "tls: " + e.getMessage());
        }
    }

    private InputStream decoded(String what, HttpResponse<?> response, TimedBody body) throws IOException, FetchFailure {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "identity" -> {
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                if (length.isPresent() && length.getAsLong() > settings.maxBytes()) throw tooLarge(what);
                return body;
            }
            case "gzip", "x-gzip" -> {
                return new GZIPInputStream(body, BUFFER_BYTES);     // a cut stream ends in EOFException: truncated
            }
            default -> throw new FetchFailure(FetchOutcome.Reason.NETWORK, what + ": Content-Encoding " + encoding
                    + " (expected: gzip or identity)");
        }
    }

    /** Copies to {@code file}, hashing, within max-bytes, then forces it to disk (it is about to be renamed into place). */
    private Download copy(String what, InputStream in, Path file, Download headers) throws IOException, FetchFailure {
        MessageDigest sha256 = Snapshot.newDigest();
        long size = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = Channels.newOutputStream(channel)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > settings.maxBytes()) throw tooLarge(what);
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new Download(HexFormat.of().formatHex(sha256.digest()), size, headers.etag(), headers.lastModified());
    }

    private byte[] capped(String what, InputStream in, int maxBytes) throws IOException, FetchFailure {
        try (in) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw new FetchFailure(FetchOutcome.Reason.TOO_LARGE, what + ": more than " + maxBytes + " bytes");
            return bytes;
        }
    }

    private FetchFailure tooLarge(String what) {
        return new FetchFailure(FetchOutcome.Reason.TOO_LARGE, what + ": more than max-bytes " + settings.maxBytes() + " bytes");
    }

    private static boolean isFile(URI url) {
        return "file".equalsIgnoreCase(url.getScheme());
    }
}
