package org.safegate.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes an operator's file into a test's directory and loads it. */
final class ConfigFiles {
    private final Path file;

    ConfigFiles(Path dir) {
        this.file = dir.resolve("safegate.conf");
    }

    Path file() {
        return file;
    }

    Settings load(String hocon) throws SettingsException {
        write(hocon);
        return SettingsLoader.load(file);
    }

    /** The problems loading {@code hocon} reports; fails when it loads. */
    List<String> problems(String hocon) {
        write(hocon);
        SettingsException[] thrown = new SettingsException[1];
        assertThatThrownBy(() -> {
            try {
                SettingsLoader.load(file);
            } catch (SettingsException e) {
                thrown[0] = e;
                throw e;
            }
        }).isInstanceOf(SettingsException.class);
        return thrown[0].problems();
    }

    /** {@code <file>:<line>: <rest>}, as a problem names a line of the written file. */
    String at(int line, String rest) {
        return file + ":" + line + ": " + rest;
    }

    private void write(String hocon) {
        try {
            Files.writeString(file, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
