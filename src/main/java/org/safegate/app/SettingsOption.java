package org.safegate.app;

import java.nio.file.Path;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SettingsLoader;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that need settings. */
final class SettingsOption implements SettingsSource {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "config file (HOCON) over the built-in reference.conf; without it, the embedded defaults: "
                    + "loopback port 5353, the sample lists in blocklists/, upstream from /etc/resolv.conf")
    Path file;

    @Override
    public Settings load() throws SettingsException {
        return file == null ? SettingsLoader.loadDefault() : SettingsLoader.load(file);
    }

    @Override
    public String describe() {
        return file == null ? "embedded defaults" : file.toString();
    }
}
