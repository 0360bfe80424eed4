package org.safegate.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects configuration problems as one-line messages, {@code <file>:<line>: <key>: <what>
 * (expected: <what>)}, so an operator fixes all of them in one go. Not thread-safe: one per load.
 */
final class Problems {
    private static final String REFERENCE = "reference.conf";
    private final List<Problem> found = new ArrayList<>();

    private record Problem(String file, int line, String text) {}

    /** @param what what is wrong, with the offending value, e.g. {@code -5 is out of range} */
    void add(ConfigOrigin origin, String key, String what, String expected) {
        add(origin, key, what + " (expected: " + expected + ")");
    }

    /** @param detail {@code <what> (expected: <what>)}, as the parse methods of this package word it */
    void add(ConfigOrigin origin, String key, String detail) {
        found.add(new Problem(file(origin), origin.lineNumber(), oneLine(where(origin) + ": " + key + ": " + detail)));
    }

    int size() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Top to bottom, file by file: HOCON objects are unordered, an operator's reading is not. */
    List<String> lines() {
        return found.stream()
                .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line))
                .map(Problem::text)
                .toList();
    }

    /** A parse or resolve failure of Typesafe Config, reworded into our one-line form. */
    static String of(ConfigException e) {
        ConfigOrigin origin = e.origin();
        String message = e.getMessage();
        if (origin == null) return oneLine(message);
        String prefix = origin.description() + ": ";
        String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        // UnresolvedSubstitution extends Parse, but the file's syntax is fine
        boolean syntax = e instanceof ConfigException.Parse && !(e instanceof ConfigException.UnresolvedSubstitution);
        String kind = syntax ? "syntax error: " : "";
        return oneLine(where(origin) + ": " + kind + detail);
    }

    /** {@code conf/safegate.conf:12}, or the resource name for a file inside the jar. */
    static String where(ConfigOrigin origin) {
        String file = file(origin);
        return origin.lineNumber() >= 0 && !file.equals(origin.description()) ? file + ":" + origin.lineNumber() : file;
    }

    private static String file(ConfigOrigin origin) {
        return origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource()
                : origin.url() != null ? origin.url().toString()
                : origin.description();
    }

    /** True when a value was never set by the operator: it is our default. */
    static boolean isDefault(ConfigValue value) {
        return REFERENCE.equals(value.origin().resource());
    }

    /**
     * Of two values that are wrong together (min above max), the one to name: the operator's, since
     * a default is only wrong because of the override.
     */
    static ConfigValue blame(ConfigValue first, ConfigValue second) {
        return isDefault(first) && !isDefault(second) ? second : first;
    }

    /** The value as the operator wrote it: strings quoted, lists and objects by kind only. */
    static String render(ConfigValue value) {
        return switch (value.valueType()) {
            case OBJECT -> "an object";
            case LIST -> "a list";
            default -> value.render(ConfigRenderOptions.concise());
        };
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
