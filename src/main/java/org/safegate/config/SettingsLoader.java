package org.safegate.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds {@link Settings}, once, at start-up: the operator's HOCON file over {@code reference.conf}
 * (the defaults, every key documented there), validated whole. Every problem is collected and
 * reported together, each at its file and line; unknown keys are errors, not silently ignored.
 * Thread-safe: stateless.
 */
public final class SettingsLoader {
    private static final String REFERENCE = "reference.conf";
    private static final String EMBEDDED_DEFAULT = "safegate-default.conf";
    // CONF whatever the file's extension: HOCON reads JSON too, and .properties would lose the tree
    private static final ConfigParseOptions STRICT = ConfigParseOptions.defaults()
            .setSyntax(ConfigSyntax.CONF)
            .setAllowMissing(false);

    private SettingsLoader() {}

    /**
     * The settings used when no file is given (the README's first command): the embedded
     * {@code safegate-default.conf} over reference.conf, with the sample lists under
     * {@code blocklists/}; relative paths resolve against the working directory.
     */
    public static Settings loadDefault() throws SettingsException {
        Config embedded;
        try {
            embedded = ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), EMBEDDED_DEFAULT, STRICT);
        } catch (ConfigException e) {
            throw new SettingsException(List.of(Problems.of(e)));
        }
        return build(embedded, Path.of("").toAbsolutePath());
    }

    /**
     * The operator's file over reference.conf; relative paths in it resolve against the file's
     * directory. List files are not opened here: whether they exist is the feeds' concern, and a
     * missing list must not keep the resolver from starting.
     *
     * @throws SettingsException naming every problem, each at its file and line
     */
    public static Settings load(Path userFile) throws SettingsException {
        requireNonNull(userFile, "userFile");
        if (!Files.isRegularFile(userFile) || !Files.isReadable(userFile)) {
            String what = Files.isDirectory(userFile) ? "is a directory"
                    : Files.exists(userFile) ? "is not readable" : "does not exist";
            throw new SettingsException(List.of(userFile + ": " + what + " (expected: a readable HOCON file)"));
        }
        Config operator;
        try {
            operator = ConfigFactory.parseFile(userFile.toFile(), STRICT);
        } catch (ConfigException e) {
            throw new SettingsException(List.of(Problems.of(e)));
        }
        return build(operator, userFile.toAbsolutePath().getParent());
    }

    /**
     * A multi-line summary of the effective settings for the start-up log, one key per line as in
     * the config file; secrets show as {@code <redacted>}.
     */
    public static String describe(Settings settings) {
        return SettingsDescription.of(settings);
    }

    private static Settings build(Config operator, Path base) throws SettingsException {
        Config reference = reference();
        Config merged;
        try {
            merged = operator.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new SettingsException(List.of(Problems.of(e)));
        }
        Problems problems = new Problems();
        KeyCheck.check(operator.root(), merged.root(), reference.root(), problems);
        Settings settings = new SettingsReader(new ValueReader(merged, problems), base).read();
        if (!problems.isEmpty()) throw new SettingsException(problems.lines());
        return settings;
    }

    // Our defaults are part of the program: a broken reference.conf is a bug, not an operator's error
    private static Config reference() {
        try {
            return ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), REFERENCE, STRICT);
        } catch (ConfigException e) {
            throw new IllegalStateException(REFERENCE + " is broken: " + e.getMessage(), e);
        }
    }
}
