package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** All settings of one safegate process; built once by {@link SettingsLoader}. Immutable. */
public record Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources,
                       HttpProxySettings proxy) {
    /** Without the proxy. */
    public Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources) {
        this(dns, admin, reload, sources, HttpProxySettings.disabled());
    }

    public Settings {
        requireNonNull(proxy, "proxy");
        requireNonNull(dns, "dns");
        requireNonNull(admin, "admin");
        requireNonNull(reload, "reload");
        sources = List.copyOf(sources);
    }
}
