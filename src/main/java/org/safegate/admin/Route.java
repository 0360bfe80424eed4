package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.safegate.config.AdminSettings.Role;

/**
 * One endpoint: method, path template ({@code /v1/sources/{id}/held}, a {@code {name}} matching
 * one non-empty segment), the roles that may call it (none: no token needed), whether a
 * regulator must be granted the {@code {id}} source, and the handler. Immutable.
 */
record Route(String method, String template, Set<Role> roles, boolean grantedSource, Handler handler) {
    /** Runs on the admin's worker thread; may block. Throws {@link ApiException} to refuse. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<ApiReply> handle(ApiCall call);
    }

    Route {
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        requireNonNull(handler, "handler");
    }

    boolean isPublic() {
        return roles.isEmpty();
    }

    /** The path parameters when {@code segments} (the path split on '/') fits the template; else null. */
    Map<String, String> match(List<String> segments) {
        List<String> parts = split(template);
        if (parts.size() != segments.size()) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) return null;
                params.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        return params;
    }

    static List<String> split(String path) {
        return List.of(path.substring(1).split("/", -1));
    }
}
