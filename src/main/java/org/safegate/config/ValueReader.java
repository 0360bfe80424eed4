package org.safegate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed values out of the merged, resolved tree. A bad value becomes a line in
 * {@link Problems} and the method returns a harmless placeholder, so reading carries on and every
 * problem is found in one pass; whoever reads must throw when problems were found. Paths are
 * HOCON path expressions ({@link ConfigUtil#joinPath}), which are also the key names in messages.
 */
final class ValueReader {
    static final Duration MAX_TTL = Duration.ofDays(7);
    private static final String DURATION = "a number and a unit: ms, s, m, h or d, like 60s";

    private final Config root;
    private final Problems problems;

    ValueReader(Config root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** The value at {@code path}, a null value included; null when absent. */
    ConfigValue peek(String path) {
        ConfigValue v = root.root();
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(v instanceof ConfigObject object)) return null;
            v = object.get(key);
            if (v == null) return null;
        }
        return v;
    }

    Duration duration(String path, Duration min, Duration max) {
        String range = DurationText.of(min) + ".." + DurationText.of(max);
        ConfigValue v = present(path, DURATION);
        if (v == null) return min;
        if (v.valueType() == ConfigValueType.NUMBER) {        // HOCON reads a bare number as ms: 60 would be a 60 ms TTL
            problems.add(v.origin(), path, Problems.render(v) + " has no unit", DURATION);
            return min;
        }
        Duration d = v.valueType() == ConfigValueType.STRING ? parseDuration(path) : null;
        if (d == null) {
            problems.add(v.origin(), path, Problems.render(v) + " is not a duration", DURATION);
            return min;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(v.origin(), path, v.unwrapped() + " is out of range", range);
            return min;
        }
        return d;
    }

    /** A DNS TTL: whole seconds, at most a week (longer TTLs are capped by resolvers anyway). */
    Duration ttl(String path) {
        Duration d = duration(path, Duration.ZERO, MAX_TTL);
        if (d.toMillis() % 1000 != 0) {
            problems.add(peek(path).origin(), path, DurationText.of(d) + " is not a whole number of seconds", "a TTL in seconds, like 60s");
            return Duration.ZERO;
        }
        return d;
    }

    long number(String path, long min, long max) {
        String range = min + ".." + max;
        ConfigValue v = present(path, range);
        if (v == null) return min;
        Long n = wholeNumber(v);
        if (n == null) {
            problems.add(v.origin(), path, Problems.render(v) + " is not a whole number", range);
            return min;
        }
        if (n < min || n > max) {
            problems.add(v.origin(), path, Problems.render(v) + " is out of range", range);
            return min;
        }
        return n;
    }

    /** A size in bytes with a HOCON unit ({@code 1MiB}, {@code 512KiB}); a bare number counts as bytes. */
    long bytes(String path, long min, long max) {
        String range = min + ".." + max + " bytes, like 1MiB";
        ConfigValue v = present(path, range);
        if (v == null) return min;
        Long n;
        try {
            n = v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.STRING ? root.getBytes(path) : null;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            n = null;                               // reported below, in our words
        }
        if (n == null) {
            problems.add(v.origin(), path, Problems.render(v) + " is not a size", range);
            return min;
        }
        if (n < min || n > max) {
            problems.add(v.origin(), path, Problems.render(v) + " is out of range", range);
            return min;
        }
        return n;
    }

    /** TCP ports, 1..65535; at least one. */
    List<Integer> ports(String path) {
        String expected = "a list of ports, 1..65535";
        List<? extends ConfigValue> list = list(path, expected);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            Long n = wholeNumber(v);
            if (n == null || n < 1 || n > 65535) problems.add(v.origin(), path + "[" + i + "]", Problems.render(v) + " is not a port", "1..65535");
            else ports.add(n.intValue());
        }
        ConfigValue whole = peek(path);
        if (list.isEmpty() && whole != null && whole.valueType() == ConfigValueType.LIST)
            problems.add(whole.origin(), path, "the list is empty", "at least one port");
        return ports;
    }

    /** A share: 0..1. */
    double ratio(String path) {
        ConfigValue v = present(path, "0..1");
        if (v == null) return 0;
        double d;
        try {
            d = v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.STRING ? root.getDouble(path) : Double.NaN;
        } catch (ConfigException.WrongType e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d)) {
            problems.add(v.origin(), path, Problems.render(v) + " is not a number", "0..1");
            return 0;
        }
        if (d < 0 || d > 1) {
            problems.add(v.origin(), path, Problems.render(v) + " is out of range", "0..1");
            return 0;
        }
        return d;
    }

    boolean bool(String path) {
        ConfigValue v = present(path, "true or false");
        if (v == null) return false;
        try {
            if (v.valueType() == ConfigValueType.BOOLEAN || v.valueType() == ConfigValueType.STRING) return root.getBoolean(path);
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            // reported below, with the value and what was expected
        }
        problems.add(v.origin(), path, Problems.render(v) + " is not a boolean", "true or false");
        return false;
    }

    String string(String path, String expected) {
        ConfigValue v = present(path, expected);
        if (v == null) return "";
        return switch (v.valueType()) {
            case STRING, NUMBER, BOOLEAN -> root.getString(path);
            default -> {
                problems.add(v.origin(), path, Problems.render(v) + " is not a string", expected);
                yield "";
            }
        };
    }

    /** A string that may be null: null means "use the default" and is returned empty. */
    Optional<String> optionalString(String path, String expected) {
        ConfigValue v = peek(path);
        return v != null && v.valueType() == ConfigValueType.NULL ? Optional.empty() : Optional.of(string(path, expected));
    }

    /** One of {@code allowed}'s keys, e.g. {@code nxdomain}; the first value as placeholder. */
    <E> E choice(String path, Map<String, E> allowed) {
        String expected = "one of " + String.join(", ", allowed.keySet());
        ConfigValue v = present(path, expected);
        E placeholder = allowed.values().iterator().next();
        if (v == null) return placeholder;
        E e = v.valueType() == ConfigValueType.STRING ? allowed.get((String) v.unwrapped()) : null;
        if (e == null) {
            problems.add(v.origin(), path, Problems.render(v) + " is not allowed", expected);
            return placeholder;
        }
        return e;
    }

    <E> Optional<E> optionalChoice(String path, Map<String, E> allowed) {
        ConfigValue v = peek(path);
        return v != null && v.valueType() == ConfigValueType.NULL ? Optional.empty() : Optional.of(choice(path, allowed));
    }

    /** A file path; a relative one is resolved against {@code base} (the operator's file's directory). */
    Path path(String path, Path base) {
        String text = string(path, "a file path");
        ConfigValue v = peek(path);
        if (v == null || v.valueType() != ConfigValueType.STRING) return base;   // reported by string()
        try {
            if (!text.isBlank()) return base.resolve(Path.of(text)).normalize();
        } catch (InvalidPathException e) {
            // reported below
        }
        problems.add(v.origin(), path, Problems.render(v) + " is not a file path", "a file path");
        return base;
    }

    List<? extends ConfigValue> list(String path, String expected) {
        ConfigValue v = present(path, expected);
        if (v == null) return List.of();
        if (v.valueType() != ConfigValueType.LIST) {
            problems.add(v.origin(), path, Problems.render(v) + " is not a list", expected);
            return List.of();
        }
        return root.getList(path);
    }

    /** Config names of enum constants: {@code LEGAL_ORDER} is {@code legal-order}. */
    @SafeVarargs
    static <E extends Enum<E>> Map<String, E> kebab(E... values) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E e : values) names.put(name(e), e);
        return names;
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value, or null after reporting it missing. A null value is returned: its type is wrong. */
    private ConfigValue present(String path, String expected) {
        ConfigValue v = peek(path);
        if (v == null) reportMissing(path, expected);
        return v;
    }

    // Reported at the nearest enclosing object; when an ancestor is not an object at all, the key
    // check has already said so and one message is enough.
    private void reportMissing(String path, String expected) {
        List<String> keys = ConfigUtil.splitPath(path);
        for (int n = keys.size() - 1; n > 0; n--) {
            ConfigValue parent = peek(ConfigUtil.joinPath(keys.subList(0, n)));
            if (parent == null) continue;
            if (parent instanceof ConfigObject) problems.add(parent.origin(), path, "missing", expected);
            return;
        }
    }

    private Duration parseDuration(String path) {
        try {
            return root.getDuration(path);
        } catch (ConfigException.BadValue e) {
            return null;                        // the caller reports it, in our words
        }
    }

    private static Long wholeNumber(ConfigValue v) {
        Object raw = v.unwrapped();
        if (raw instanceof Integer || raw instanceof Long) return ((Number) raw).longValue();
        if (raw instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 9e15 ? (long) (double) d : null;
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
