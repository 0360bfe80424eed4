package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One line of {@code applied.log}: what became of one version of one source. Tab-separated, so it
 * reads in a terminal and splits with {@code cut}:
 * {@code time source sha256 domains=N urls=N outcome reason}. Never holds an entry. Immutable.
 */
public record AppliedRecord(Instant time, String source, String sha256, int domains, int urls, Outcome outcome,
                            String reason) {
    public AppliedRecord {
        requireNonNull(time, "time");
        requireNonNull(source, "source");
        requireNonNull(sha256, "sha256");
        requireNonNull(outcome, "outcome");
        reason = requireNonNull(reason, "reason").replaceAll("[\\t\\r\\n]+", " ");   // one record, one line
    }

    public enum Outcome {
        /** Put in force. */
        APPLIED,
        /** Kept aside by the shrink guard, waiting for an operator. */
        HELD,
        /** Not used: too many bad lines, or an operator said no. */
        REJECTED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public String line() {
        return time + "\t" + source + "\t" + sha256 + "\tdomains=" + domains + "\turls=" + urls + "\t" + outcome.label()
                + "\t" + reason;
    }

    /** The record of one line of the log; {@code IllegalArgumentException} saying what is wrong with it. */
    static AppliedRecord parse(String line) {
        String[] f = line.split("\t", 7);
        if (f.length < 6) throw new IllegalArgumentException(f.length + " fields (expected: 7, tab-separated)");
        try {
            return new AppliedRecord(Instant.parse(f[0]), f[1], f[2], count(f[3], "domains="), count(f[4], "urls="),
                    Outcome.valueOf(f[5].toUpperCase(Locale.ROOT)), f.length == 7 ? f[6] : "");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time: " + f[0] + " (expected: an ISO-8601 instant)", e);
        }
    }

    private static int count(String field, String key) {
        if (!field.startsWith(key)) throw new IllegalArgumentException(field + " (expected: " + key + "<count>)");
        return Integer.parseInt(field.substring(key.length()));
    }
}
