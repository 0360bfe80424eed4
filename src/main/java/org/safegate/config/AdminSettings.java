package org.safegate.config;

import static java.util.Objects.requireNonNull;

/** The admin HTTP listener: {@code /metrics}, {@code /health}, {@code /ready}. */
public record AdminSettings(Endpoint listen) {
    public AdminSettings {
        requireNonNull(listen, "listen");
    }
}
