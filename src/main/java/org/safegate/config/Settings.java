package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * All settings of one safegate process; built by {@link SettingsLoader} at start and at each
 * reload. Immutable.
 *
 * @param shutdownGrace how long a stop lets queries and proxy requests in progress finish
 * @param stateDir      where the feeds keep what must outlive a restart: last good copies, held
 *                      versions, the applied-version log, the push journal ({@value #JOURNAL_DIR}/)
 *                      and the audit history ({@value #AUDIT_FILE})
 */
public record Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources,
                       HttpProxySettings proxy, Duration shutdownGrace, Path stateDir) {
    /** The default of {@code safegate.shutdown-grace}, for settings built by hand. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** The push journal's directory under {@code stateDir}; also the {@code path} of every {@code format = push} source. */
    public static final String JOURNAL_DIR = "journal";
    /** The audit history's file under {@code stateDir}. */
    public static final String AUDIT_FILE = "audit.jsonl";

    /** Without the proxy, with the default shutdown grace. */
    public Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources, Path stateDir) {
        this(dns, admin, reload, sources, HttpProxySettings.disabled(), DEFAULT_SHUTDOWN_GRACE, stateDir);
    }

    public Settings {
        requireNonNull(proxy, "proxy");
        requireNonNull(dns, "dns");
        requireNonNull(admin, "admin");
        requireNonNull(reload, "reload");
        requireNonNull(shutdownGrace, "shutdownGrace");
        DnsSettings.requireNotNegative(shutdownGrace, "shutdownGrace");
        requireNonNull(stateDir, "stateDir");
        sources = List.copyOf(sources);
    }
}
