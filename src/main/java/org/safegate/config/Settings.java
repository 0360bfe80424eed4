package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** All settings of one safegate process; built once by {@link SettingsLoader}. Immutable. */
public record Settings(DnsSettings dns, AdminSettings admin, ReloadSettings reload, List<SourceSettings> sources) {
    public Settings {
        requireNonNull(dns, "dns");
        requireNonNull(admin, "admin");
        requireNonNull(reload, "reload");
        sources = List.copyOf(sources);
    }
}
