package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * A new version of a source that the shrink guard did not apply: it waits in the state directory
 * until an operator accepts or rejects it. Holds counts and a hash, never an entry. Immutable.
 *
 * @param source   the source's id
 * @param sha256   hex SHA-256 of the held bytes: what an operator's decision names
 * @param domains  domain entries of the held version
 * @param urls     URL entries of the held version
 * @param inForce  entries of the version in force when it was held
 * @param heldAt   when it was held
 */
public record HeldVersion(String source, String sha256, int domains, int urls, int inForce, Instant heldAt) {
    public HeldVersion {
        requireNonNull(source, "source");
        requireNonNull(sha256, "sha256");
        requireNonNull(heldAt, "heldAt");
    }

    public int entries() {
        return domains + urls;
    }

    /** The share of entries it loses against the version in force, 0..1. */
    public double shrink() {
        return inForce == 0 ? 0 : (inForce - entries()) / (double) inForce;
    }

    /** One line for logs, status and the CLI. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d entries, %.0f%% fewer than the %d in force (sha256 %s, held %s)",
                entries(), shrink() * 100, inForce, sha256, heldAt);
    }

    String toText() {
        return "source=" + source + "\nsha256=" + sha256 + "\ndomains=" + domains + "\nurls=" + urls + "\nin-force=" + inForce
                + "\nheld-at=" + heldAt + "\n";
    }

    /** The held version's record in {@code file}; empty when there is none. */
    static Optional<HeldVersion> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            return Optional.of(new HeldVersion(required(p, "source", file), required(p, "sha256", file),
                    Integer.parseInt(required(p, "domains", file)), Integer.parseInt(required(p, "urls", file)),
                    Integer.parseInt(required(p, "in-force", file)), Instant.parse(required(p, "held-at", file))));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException(file + ": " + e.getMessage() + " (expected: a record written by safegate)", e);
        }
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null) throw new IOException(file + ": " + key + ": missing (expected: a record written by safegate)");
        return v;
    }
}
