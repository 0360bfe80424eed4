package org.safegate.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How file sources are watched.
 *
 * @param checkInterval a periodic check of every file's size and mtime, in case a watch event is
 *                      missed (network file systems, editors that replace the directory entry)
 * @param debounce      wait this long after the last change before parsing, so a file being
 *                      written is read once, whole
 */
public record ReloadSettings(Duration checkInterval, Duration debounce) {
    public ReloadSettings {
        requireNonNull(checkInterval, "checkInterval");
        requireNonNull(debounce, "debounce");
        DnsSettings.requireNotNegative(checkInterval, "checkInterval");
        DnsSettings.requireNotNegative(debounce, "debounce");
    }
}
