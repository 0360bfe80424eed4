package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** One response of the API: status, content type, body bytes, extra headers. Immutable. */
record ApiReply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json";

    ApiReply {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static ApiReply json(int status, Object body) {
        return new ApiReply(status, JSON, JsonCodec.write(body), Map.of());
    }

    static ApiReply error(ApiException e) {
        return error(e, Map.of());
    }

    static ApiReply error(ApiException e, Map<String, String> headers) {
        return new ApiReply(e.status(), JSON, JsonCodec.write(e.body()), headers);
    }
}
