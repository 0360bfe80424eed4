package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused API call: its HTTP status, what is wrong, and the request field it is about (a JSON
 * path such as {@code add.urls[3]}, a query parameter, or {@code ""} for the request as a whole).
 * Thrown by the handlers and by the {@link PushTarget}, {@link HistorySource} and {@link HeldVersions}
 * behind them; the client receives {@code {"error": ..., "field": ...}}. The message must never
 * hold a token or a confidential entry.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient List<Map<String, String>> problems;

    public ApiException(int status, String error, String field) {
        this(status, error, field, List.of());
    }

    /** @param problems every problem found, each {@code {"error", "field"}}, when there were several */
    ApiException(int status, String error, String field, List<Map<String, String>> problems) {
        super(requireNonNull(error, "error"), null, false, false);   // no stack: a client's mistake, not ours
        if (status < 400 || status > 599) throw new IllegalArgumentException("status: " + status + " (expected: 400..599)");
        this.status = status;
        this.field = requireNonNull(field, "field");
        this.problems = List.copyOf(problems);
    }

    /** 503: the part behind this endpoint is not wired into this node (yet). */
    public static ApiException notConfigured(String what) {
        return new ApiException(503, what + " not configured", "");
    }

    public int status() {
        return status;
    }

    public String error() {
        return getMessage();
    }

    public String field() {
        return field;
    }

    /** The response body: {@code {"error", "field"}}, and {@code problems} when there were several. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error());
        body.put("field", field);
        if (problems.size() > 1) body.put("problems", problems);
        return body;
    }
}
