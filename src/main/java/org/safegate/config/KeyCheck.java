package org.safegate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rejects keys that {@code reference.conf} does not define. {@code Config.checkValid} accepts
 * unknown keys, and a misspelt key silently leaves its default in force (a {@code safegate.dnss}
 * block would change nothing and say nothing), so every key is checked here, at its own line.
 *
 * <p>The tree walked is the merged, resolved one: a key that reference.conf lacks can only come
 * from the operator's file (or a file it includes). Under {@code sources}, the keys are ids the
 * operator chooses; each source's own keys are checked against the source template:
 * {@code format}, {@code path}, the fetch keys, and the keys of {@code source-defaults}; the keys
 * inside a source's {@code signature}, {@code tls} and {@code timeouts} objects too.
 */
final class KeyCheck {
    static final String ROOT = "safegate";
    static final String SOURCES = "safegate.sources";
    static final String SOURCE_DEFAULTS = "safegate.source-defaults";
    static final Set<String> REQUIRED_SOURCE_KEYS = Set.of("format", "path");
    /** Source keys that have no default: {@code path} is optional with a {@code url}. */
    static final Map<String, Set<String>> FETCH_KEYS = Map.of("url", Set.of(), "signature", Set.of("url", "public-key"),
            "tls", Set.of("ca-file", "client-cert", "client-key"));
    static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final String SOURCE_ID_RULE = "1 to 63 of a-z, 0-9, '-' and '_', starting with a letter or digit";

    private final Problems problems;
    private final Set<String> sourceKeys = new TreeSet<>(REQUIRED_SOURCE_KEYS);
    private final Map<String, Set<String>> nestedKeys = new HashMap<>(FETCH_KEYS);

    private KeyCheck(Problems problems) {
        this.problems = problems;
    }

    /**
     * @param operatorRoot the operator's file alone, unresolved: only its top-level keys are read
     * @param merged       the operator's file over the reference, resolved
     * @param reference    reference.conf alone
     */
    static void check(ConfigObject operatorRoot, ConfigObject merged, ConfigObject reference, Problems problems) {
        KeyCheck check = new KeyCheck(problems);
        if (reference.get(ROOT) instanceof ConfigObject ref && ref.get("source-defaults") instanceof ConfigObject template) {
            check.sourceKeys.addAll(template.keySet());
            check.sourceKeys.addAll(FETCH_KEYS.keySet());
            for (Map.Entry<String, ConfigValue> e : template.entrySet())
                if (e.getValue() instanceof ConfigObject nested) check.nestedKeys.put(e.getKey(), nested.keySet());
        } else {
            throw new IllegalStateException("reference.conf: no safegate.source-defaults object (expected: the source template)");
        }
        // Only the operator's top level: other libraries' reference.conf files may add their own trees
        for (Map.Entry<String, ConfigValue> e : operatorRoot.entrySet())
            if (!e.getKey().equals(ROOT)) problems.add(e.getValue().origin(), ConfigUtil.joinPath(e.getKey()), "unknown key", ROOT);
        check.walk(merged.get(ROOT), (ConfigObject) reference.get(ROOT), ROOT);
    }

    private void walk(ConfigValue value, ConfigObject reference, String path) {
        if (!(value instanceof ConfigObject object)) {
            notAnObject(value, path, "an object with keys " + String.join(", ", new TreeSet<>(reference.keySet())));
            return;
        }
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = path + "." + ConfigUtil.joinPath(e.getKey());
            ConfigValue ref = reference.get(e.getKey());
            if (ref == null) unknown(e.getValue(), key, reference.keySet());
            else if (key.equals(SOURCES)) sources(e.getValue());
            else if (key.equals(AdminReader.TOKENS)) tokens(e.getValue());
            else if (ref.valueType() == ConfigValueType.OBJECT) walk(e.getValue(), (ConfigObject) ref, key);
        }
    }

    private void sources(ConfigValue value) {
        if (!(value instanceof ConfigObject sources)) {
            notAnObject(value, SOURCES, "an object of sources keyed by id");
            return;
        }
        for (Map.Entry<String, ConfigValue> e : sources.entrySet()) {
            String key = SOURCES + "." + ConfigUtil.joinPath(e.getKey());
            if (!SOURCE_ID.matcher(e.getKey()).matches())
                problems.add(e.getValue().origin(), key, ConfigUtil.quoteString(e.getKey()) + " is not a valid source id", SOURCE_ID_RULE);
            if (!(e.getValue() instanceof ConfigObject source)) {
                notAnObject(e.getValue(), key, "an object with at least format, and path or url");
                continue;
            }
            for (Map.Entry<String, ConfigValue> k : source.entrySet()) {
                String at = key + "." + ConfigUtil.joinPath(k.getKey());
                if (!sourceKeys.contains(k.getKey())) unknown(k.getValue(), at, sourceKeys);
                else if (nestedKeys.containsKey(k.getKey()) && !nestedKeys.get(k.getKey()).isEmpty()) nested(k.getValue(), at, nestedKeys.get(k.getKey()));
            }
        }
    }

    private void nested(ConfigValue value, String at, Set<String> known) {
        if (!(value instanceof ConfigObject object)) {
            notAnObject(value, at, "an object with keys " + String.join(", ", new TreeSet<>(known)));
            return;
        }
        for (Map.Entry<String, ConfigValue> e : object.entrySet())
            if (!known.contains(e.getKey())) unknown(e.getValue(), at + "." + ConfigUtil.joinPath(e.getKey()), known);
    }

    /** {@code admin.tokens}: keyed by names the operator chooses, each with the keys of a token. */
    private void tokens(ConfigValue value) {
        if (!(value instanceof ConfigObject tokens)) {
            notAnObject(value, AdminReader.TOKENS, "an object of tokens keyed by name");
            return;
        }
        for (Map.Entry<String, ConfigValue> e : tokens.entrySet()) {
            String key = AdminReader.TOKENS + "." + ConfigUtil.joinPath(e.getKey());
            if (!(e.getValue() instanceof ConfigObject token)) {
                notAnObject(e.getValue(), key, "an object with sha256, role and, for a regulator, sources");
                continue;
            }
            for (Map.Entry<String, ConfigValue> k : token.entrySet())
                if (!AdminReader.TOKEN_KEYS.contains(k.getKey()))
                    unknown(k.getValue(), key + "." + ConfigUtil.joinPath(k.getKey()), AdminReader.TOKEN_KEYS);
        }
    }

    private void unknown(ConfigValue value, String key, Set<String> known) {
        problems.add(value.origin(), key, "unknown key", "one of " + String.join(", ", new TreeSet<>(known)));
    }

    private void notAnObject(ConfigValue value, String key, String expected) {
        problems.add(value.origin(), key, Problems.render(value) + " is not an object", expected);
    }
}
