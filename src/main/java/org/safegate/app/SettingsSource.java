package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SettingsLoader;

/** Where a node's settings come from, read again on each reload (SIGHUP, {@code POST /v1/reload}). */
interface SettingsSource {
    Settings load() throws SettingsException;

    /** The file's path, or what stands for it, for the log. */
    String describe();

    static SettingsSource file(Path file) {
        requireNonNull(file, "file");
        return new SettingsSource() {
            @Override
            public Settings load() throws SettingsException {
                return SettingsLoader.load(file);
            }

            @Override
            public String describe() {
                return file.toString();
            }
        };
    }

    /** Settings built in code: a reload keeps them and re-reads the lists. */
    static SettingsSource fixed(Settings settings) {
        requireNonNull(settings, "settings");
        return new SettingsSource() {
            @Override
            public Settings load() {
                return settings;
            }

            @Override
            public String describe() {
                return "settings given at start";
            }
        };
    }
}
