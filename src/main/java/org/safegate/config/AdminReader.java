package org.safegate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.safegate.config.AdminSettings.Role;
import org.safegate.config.AdminSettings.Token;

/**
 * Reads {@code safegate.admin}: the listener, its optional TLS files, the body size cap and the
 * API tokens (keyed by names the operator chooses; their own keys are checked by {@link KeyCheck}).
 */
final class AdminReader {
    static final String ADMIN = "safegate.admin.";
    static final String TOKENS = "safegate.admin.tokens";
    static final Set<String> TOKEN_KEYS = Set.of("sha256", "role", "sources");
    static final Map<String, Role> ROLES = ValueReader.kebab(Role.values());
    private static final String HASH = "64 hex digits, the SHA-256 of the token (safegate token new, or safegate token hash)";

    private final ValueReader values;
    private final AddressReader addresses;
    private final Problems problems;
    private final Path base;

    AdminReader(ValueReader values, AddressReader addresses, Path base) {
        this.values = values;
        this.addresses = addresses;
        this.problems = values.problems();
        this.base = base;
    }

    AdminSettings read() {
        long maxBody = values.bytes(ADMIN + "max-body-size", 1024, 256L << 20);
        return new AdminSettings(addresses.endpoint(ADMIN + "listen", 0), tls(), tokens(), maxBody);
    }

    /** Both files or neither: one alone is a mistake, never a silent plain-HTTP listener. */
    private Optional<AdminSettings.Tls> tls() {
        String cert = values.string(ADMIN + "tls.cert", "a PEM file path, or \"\" for plain HTTP");
        String key = values.string(ADMIN + "tls.key", "a PEM file path, or \"\" for plain HTTP");
        if (cert.isBlank() && key.isBlank()) return Optional.empty();
        if (cert.isBlank() || key.isBlank()) {
            String missing = cert.isBlank() ? "tls.cert" : "tls.key";
            ConfigValue given = values.peek(ADMIN + (cert.isBlank() ? "tls.key" : "tls.cert"));
            problems.add(given.origin(), ADMIN + missing, "empty while its pair is set", "both tls.cert and tls.key, or neither");
            return Optional.empty();
        }
        return Optional.of(new AdminSettings.Tls(values.path(ADMIN + "tls.cert", base), values.path(ADMIN + "tls.key", base)));
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        if (!(values.peek(TOKENS) instanceof ConfigObject all)) return tokens;        // the key check said why
        Map<String, String> names = new HashMap<>();
        for (String name : new TreeSet<>(all.keySet())) {
            if (!(all.get(name) instanceof ConfigObject)) continue;                    // the key check said why
            Token token = token(name);
            if (token == null) continue;
            String other = names.putIfAbsent(token.sha256Hex(), name);
            if (other != null) {
                // The name is what the log shows of a caller: two names for one token would blur it
                problems.add(values.peek(key(name, "sha256")).origin(), key(name, "sha256"),
                        "the same hash as token " + other, "one token per name");
                continue;
            }
            tokens.add(token);
        }
        return tokens;
    }

    private Token token(String name) {
        int before = problems.size();
        String hex = values.string(key(name, "sha256"), HASH).trim().toLowerCase(Locale.ROOT);
        ConfigValue hashValue = values.peek(key(name, "sha256"));
        if (hashValue != null && problems.size() == before && !hex.matches("[0-9a-f]{64}"))
            problems.add(hashValue.origin(), key(name, "sha256"), "is not a SHA-256 in hex", HASH);   // never echo it
        int beforeRole = problems.size();
        Role role = values.choice(key(name, "role"), ROLES);
        // A bad role's placeholder must not draw a second, false message about sources
        Set<String> sources = sources(name, problems.size() == beforeRole ? role : null);
        return problems.size() == before ? new Token(name, hex, role, sources) : null;
    }

    /** @param role null when the role itself was wrong: the list is checked, not its fit to the role */
    private Set<String> sources(String name, Role role) {
        String path = key(name, "sources");
        ConfigValue whole = values.peek(path);
        if (whole == null) {
            if (role == Role.REGULATOR) problems.add(values.peek(key(name)).origin(), path, "missing", "the source ids it may push to");
            return Set.of();
        }
        List<? extends ConfigValue> list = values.list(path, "a list of source ids");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String at = path + "[" + i + "]";
            if (v.valueType() != ConfigValueType.STRING || !KeyCheck.SOURCE_ID.matcher((String) v.unwrapped()).matches())
                problems.add(v.origin(), at, Problems.render(v) + " is not a source id", KeyCheck.SOURCE_ID_RULE);
            else ids.add((String) v.unwrapped());
        }
        if (role != null && role != Role.REGULATOR && !ids.isEmpty())
            problems.add(whole.origin(), path, "sources on role " + ValueReader.name(role), "sources only for role regulator, which pushes");
        if (role == Role.REGULATOR && ids.isEmpty() && whole.valueType() == ConfigValueType.LIST)
            problems.add(whole.origin(), path, "the list is empty", "at least one source id a regulator may push to");
        return ids;
    }

    private static String key(String name, String... keys) {
        StringBuilder sb = new StringBuilder(TOKENS).append('.').append(ConfigUtil.joinPath(name));
        for (String k : keys) sb.append('.').append(k);
        return sb.toString();
    }
}
