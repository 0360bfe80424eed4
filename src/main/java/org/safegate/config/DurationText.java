package org.safegate.config;

import java.time.Duration;

/** Writes a duration the way HOCON reads it back: {@code 1500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
final class DurationText {
    private DurationText() {}

    static String of(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
