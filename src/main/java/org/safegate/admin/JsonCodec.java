package org.safegate.admin;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies strictly and writes responses. A body that is not exactly one JSON value of
 * the expected shape is refused with the field it went wrong at: an unknown field (a misspelt
 * {@code idempotencyKey} must not be ignored), a repeated one, a wrong type, trailing content.
 * Thread-safe: the mapper is immutable.
 */
final class JsonCodec {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonCodec() {}

    /** @throws ApiException 400 naming the field, or {@code ""} when the body is not JSON at all */
    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) throw new ApiException(400, "empty body (expected: a JSON object)", "");
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) throw new ApiException(400, "null body (expected: a JSON object)", "");
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "unknown field \"" + e.getPropertyName() + "\"", path(e));
        } catch (StreamReadException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new ApiException(400, "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()), path(e));
        } catch (JacksonException e) {
            throw new ApiException(400, "wrong type: " + firstLine(e.getOriginalMessage()), path(e));
        }
    }

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** {@code add.urls[3]}, from the exception's path through the document. */
    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) sb.append(sb.length() == 0 ? "" : ".").append(r.getPropertyName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    // Jackson's messages run over lines and quote Java class names; the first line says enough
    private static String firstLine(String message) {
        if (message == null) return "";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
