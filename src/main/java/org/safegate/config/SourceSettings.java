package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;

/**
 * One list source, declared under {@code safegate.sources.<id>}.
 *
 * @param id            the key under {@code sources}: names the source in logs, metrics and EDE texts
 * @param format        how the file is parsed
 * @param path          the file
 * @param category      free text shown to users ("ads", "malware", "court-order")
 * @param effect        BLOCK for a blocklist, ALLOW for an allow-list (exceptions)
 * @param mandate       who wants it blocked: decides the EDE code and block page wording
 * @param answer        overrides the default block answer for this source
 * @param confidential  never show this source's entries (logs, lookups, EDE texts)
 * @param precedence    higher wins when sources disagree (see {@code Policy})
 * @param maxErrorRatio share of bad lines above which a new version is rejected whole
 * @param proxy         what the proxy does with the entries beyond their own rules (HTTPS hosts of URL entries)
 * @param guard         what a new version must pass besides its bad lines (the shrink guard)
 * @param fetch         present when the file is fetched from a url; {@code path} is then the download target
 * @param ipEntries     what the source's address and network entries apply to
 */
public record SourceSettings(String id, ListFormat format, Path path, String category, Effect effect, Mandate mandate,
                             Optional<BlockAnswer> answer, boolean confidential, int precedence, double maxErrorRatio,
                             SourceProxySettings proxy, GuardSettings guard, Optional<FetchSettings> fetch,
                             IpEntrySettings ipEntries) {
    public SourceSettings {
        requireNonNull(id, "id");
        requireNonNull(format, "format");
        requireNonNull(path, "path");
        requireNonNull(category, "category");
        requireNonNull(effect, "effect");
        requireNonNull(mandate, "mandate");
        requireNonNull(answer, "answer");
        requireNonNull(proxy, "proxy");
        requireNonNull(guard, "guard");
        requireNonNull(fetch, "fetch");
        requireNonNull(ipEntries, "ipEntries");
        if (precedence < 0) throw new IllegalArgumentException("precedence: " + precedence + " (expected: >= 0)");
        if (!(maxErrorRatio >= 0 && maxErrorRatio <= 1))
            throw new IllegalArgumentException("maxErrorRatio: " + maxErrorRatio + " (expected: 0..1)");
    }
}
