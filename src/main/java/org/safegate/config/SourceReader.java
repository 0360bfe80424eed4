package org.safegate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.safegate.policy.Effect;
import org.safegate.policy.HttpsUrlEntries;
import org.safegate.policy.Mandate;

/**
 * Reads {@code safegate.sources}: each source's own keys, and for the keys it leaves out, the
 * effective {@code source-defaults} (the operator's over reference.conf's). The defaults are
 * validated once, at their own lines, so one bad default is one message, not one per source.
 */
final class SourceReader {
    static final Map<String, ListFormat> FORMATS = ValueReader.kebab(ListFormat.values());
    static final Map<String, Effect> ACTIONS = ValueReader.kebab(Effect.BLOCK, Effect.ALLOW);
    static final Map<String, Mandate> MANDATES = ValueReader.kebab(Mandate.values());
    static final Map<String, BlockAnswer> ANSWERS = ValueReader.kebab(BlockAnswer.values());
    static final Map<String, HttpsUrlEntries> HTTPS_URL_ENTRIES = ValueReader.kebab(HttpsUrlEntries.values());
    static final Map<String, IpEntrySettings.Use> IP_ENTRY_USES = ValueReader.kebab(IpEntrySettings.Use.values());
    static final int MAX_PRECEDENCE = 1_000_000;

    /** The template's values: {@code category} empty means "the source's id", {@code answer} empty means dns.block.answer. */
    private record Defaults(Optional<String> category, Effect effect, Mandate mandate, Optional<BlockAnswer> answer,
                            boolean confidential, int precedence, double maxErrorRatio, SourceProxySettings proxy,
                            double maxShrink, IpEntrySettings ipEntries) {}

    private final ValueReader values;
    private final Path base;
    private final FetchReader fetch;
    private final Path journal;

    /**
     * @param base     the directory relative paths are resolved against
     * @param stateDir where fetched sources without a {@code path} are downloaded to, and whose
     *                 {@code journal} directory is the {@code path} of every {@code format = push} source
     */
    SourceReader(ValueReader values, Path base, Path stateDir) {
        this.values = values;
        this.base = base;
        this.fetch = new FetchReader(values, base, stateDir);
        this.journal = stateDir.resolve(Settings.JOURNAL_DIR);
    }

    /** The sources in id order (HOCON objects have none of their own). */
    List<SourceSettings> read() {
        Defaults defaults = defaults(KeyCheck.SOURCE_DEFAULTS);
        List<SourceSettings> sources = new ArrayList<>();
        if (!(values.peek(KeyCheck.SOURCES) instanceof ConfigObject all)) return sources;    // the key check said why
        for (String id : new TreeSet<>(all.keySet())) {
            if (all.get(id) instanceof ConfigObject source) sources.add(source(id, source, defaults));
        }
        return sources;
    }

    private Defaults defaults(String at) {
        return new Defaults(
                values.optionalString(key(at, "category"), "free text, or null for the source's id"),
                values.choice(key(at, "action"), ACTIONS),
                values.choice(key(at, "mandate"), MANDATES),
                values.optionalChoice(key(at, "answer"), ANSWERS),
                values.bool(key(at, "confidential")),
                (int) values.number(key(at, "precedence"), 0, MAX_PRECEDENCE),
                values.ratio(key(at, "max-error-ratio")),
                new SourceProxySettings(values.choice(key(at, "https-url-entries"), HTTPS_URL_ENTRIES)),
                values.ratio(key(at, "max-shrink")),
                new IpEntrySettings(values.choice(key(at, "ip-entries"), IP_ENTRY_USES)));
    }

    private SourceSettings source(String id, ConfigObject source, Defaults d) {
        String at = KeyCheck.SOURCES + "." + ConfigUtil.joinPath(id);
        Defaults own = new Defaults(
                source.containsKey("category") ? values.optionalString(key(at, "category"), "free text, or null for the source's id") : d.category(),
                source.containsKey("action") ? values.choice(key(at, "action"), ACTIONS) : d.effect(),
                source.containsKey("mandate") ? values.choice(key(at, "mandate"), MANDATES) : d.mandate(),
                source.containsKey("answer") ? values.optionalChoice(key(at, "answer"), ANSWERS) : d.answer(),
                source.containsKey("confidential") ? values.bool(key(at, "confidential")) : d.confidential(),
                source.containsKey("precedence") ? (int) values.number(key(at, "precedence"), 0, MAX_PRECEDENCE) : d.precedence(),
                source.containsKey("max-error-ratio") ? values.ratio(key(at, "max-error-ratio")) : d.maxErrorRatio(),
                source.containsKey("https-url-entries")
                        ? new SourceProxySettings(values.choice(key(at, "https-url-entries"), HTTPS_URL_ENTRIES)) : d.proxy(),
                source.containsKey("max-shrink") ? values.ratio(key(at, "max-shrink")) : d.maxShrink(),
                source.containsKey("ip-entries") ? new IpEntrySettings(values.choice(key(at, "ip-entries"), IP_ENTRY_USES))
                        : d.ipEntries());
        if (own.effect() == Effect.ALLOW && own.proxy().httpsUrlEntries() == HttpsUrlEntries.BLOCK_HOST) {
            ConfigValue where = source.containsKey("https-url-entries") ? source.get("https-url-entries") : source;
            values.problems().add(where.origin(), key(at, "https-url-entries"), "block-host on an allow-list",
                    "pass: an allow-list's URL entries are exceptions and block no host");
        }
        ListFormat format = values.choice(key(at, "format"), FORMATS);
        if (format == ListFormat.PUSH) {
            pushed(at, source);
            return new SourceSettings(id, format, journal, own.category().orElse(id), own.effect(), own.mandate(), own.answer(),
                    own.confidential(), own.precedence(), own.maxErrorRatio(), own.proxy(),
                    new GuardSettings(own.maxShrink()), Optional.empty(), own.ipEntries());
        }
        Optional<FetchSettings> fetched = fetch.read(at, source);
        // A fetched source's path is its download target; every other source names its file
        Path path = fetched.isPresent() && !source.containsKey("path") ? fetch.downloadTarget(id, fetched.get().url())
                : values.path(key(at, "path"), base);
        return new SourceSettings(id, format, path, own.category().orElse(id), own.effect(), own.mandate(), own.answer(),
                own.confidential(), own.precedence(), own.maxErrorRatio(), own.proxy(),
                new GuardSettings(own.maxShrink()), fetched, own.ipEntries());
    }

    /** A pushed source's entries come from the journal: a file or a url of its own would be ignored, so say so. */
    private void pushed(String at, ConfigObject source) {
        for (String key : new String[] {"path", "url", "signature", "tls"}) {
            if (source.containsKey(key))
                values.problems().add(source.get(key).origin(), key(at, key), "is set on a source with format = push",
                        "no " + key + ": a pushed source's entries come from the push journal in state-dir");
        }
    }

    private static String key(String at, String key) {
        return at + "." + key;
    }
}
