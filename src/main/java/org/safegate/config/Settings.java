package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * All settings of one safegate process; built once by {@link SettingsLoader}. Immutable.
 *
 * @param stateDir where the feeds keep what must outlive a restart: last good copies, held
 *                 versions, the applied-version log
 */
public record Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources,
                       HttpProxySettings proxy, Path stateDir) {
    /** Without the proxy. */
    public Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources, Path stateDir) {
        this(dns, admin, reload, sources, HttpProxySettings.disabled(), stateDir);
    }

    public Settings {
        requireNonNull(proxy, "proxy");
        requireNonNull(dns, "dns");
        requireNonNull(admin, "admin");
        requireNonNull(reload, "reload");
        requireNonNull(stateDir, "stateDir");
        sources = List.copyOf(sources);
    }
}
