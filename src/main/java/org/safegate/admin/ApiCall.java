package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One authorised call as a handler sees it: who (null on a public route), the path parameters, the
 * query parameters and the body, copied out of Netty's buffer. Immutable.
 */
record ApiCall(Caller caller, Map<String, String> params, Map<String, List<String>> query, byte[] body) {
    ApiCall {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
        requireNonNull(body, "body");
    }

    /** The one value of query parameter {@code name}; null when absent; 400 when given twice. */
    String queryParam(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) return null;
        if (values.size() > 1) throw new ApiException(400, "given " + values.size() + " times (expected: once)", name);
        return values.get(0);
    }

    /** A whole number query parameter in {@code min..max}, or {@code fallback} when absent. */
    long longParam(String name, long fallback, long min, long max) {
        String text = queryParam(name);
        if (text == null) return fallback;
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new ApiException(400, "\"" + text + "\" is not a whole number in " + min + ".." + max, name);
    }
}
