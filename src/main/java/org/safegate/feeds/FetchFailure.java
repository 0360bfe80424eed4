package org.safegate.feeds;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;
import org.safegate.config.FetchSettings;

/** A fetch that failed, with its reason: thrown inside the fetcher, turned into a {@link FetchOutcome.Failed}. */
final class FetchFailure extends Exception {
    private final FetchOutcome.Reason reason;

    FetchFailure(FetchOutcome.Reason reason, String message) {
        super(message, null, false, false);       // an outcome, not a bug: no stack trace to fill
        this.reason = reason;
    }

    FetchOutcome.Reason reason() {
        return reason;
    }

    /**
     * The failure an I/O exception means. {@code inBody}: the headers had come, so a broken
     * connection means a cut body.
     */
    static FetchFailure of(URI url, IOException e, boolean inBody) {
        String what = FetchSettings.describe(url);
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        // The JDK's messages do not quote the url today; a query (perhaps a token) must not leak if one ever does
        if (url.getRawQuery() != null) message = message.replace(url.getRawQuery(), "<redacted>");
        String detail = what + ": " + e.getClass().getSimpleName() + message;
        // First: a handshake error may come wrapped in another kind of exception
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof SSLException) return new FetchFailure(FetchOutcome.Reason.TLS, what + ": TLS: " + t.getMessage());
        // HttpClient also says this when the request timeout ends a connect or handshake that hangs
        if (e instanceof HttpConnectTimeoutException) return new FetchFailure(FetchOutcome.Reason.TIMEOUT, what + ": connect timed out");
        if (e instanceof HttpTimeoutException) return new FetchFailure(FetchOutcome.Reason.TIMEOUT, detail);
        if (e instanceof EOFException || inBody) return new FetchFailure(FetchOutcome.Reason.TRUNCATED, detail);
        if (e instanceof ConnectException) return new FetchFailure(FetchOutcome.Reason.NETWORK, what + ": connection refused");
        if (e.getCause() != null && url.getRawQuery() == null) detail += " (" + e.getCause() + ")";
        return new FetchFailure(FetchOutcome.Reason.NETWORK, detail);
    }
}
