package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;
import org.safegate.config.ListFormat;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Effect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, parses and judges one version of one file source: a file that cannot be read, or whose
 * share of bad lines is above the source's {@code maxErrorRatio}, is rejected whole; otherwise its
 * good lines are used. Bad lines are logged (the first {@link #LOGGED_ERRORS}, then a total) and
 * counted.
 *
 * <p>Thread-safe: holds no state of its own; one load runs on the caller's thread.
 */
final class SourceLoader {
    /** Bad lines logged one by one per attempt; a broken list of a million lines must not flood the log. */
    static final int LOGGED_ERRORS = 20;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final Logger log = LoggerFactory.getLogger(SourceLoader.class);

    private final BiFunction<ListFormat, Effect, ListParser> parsers;
    private final FeedMetrics metrics;

    /**
     * @param parsers the parser of a format; the effect is the one of plain lines (the source's),
     *                formats with exception syntax (adblock, RPZ) decide their own for those
     */
    SourceLoader(BiFunction<ListFormat, Effect, ListParser> parsers, FeedMetrics metrics) {
        this.parsers = requireNonNull(parsers, "parsers");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    LoadResult load(SourceSettings source) {
        return load(source, source.path());
    }

    /**
     * Loads {@code file}, a copy of the source's file (a snapshot, a last good or held copy):
     * messages still name the source's path, and a {@code .gz} source's copy is gunzipped.
     */
    LoadResult load(SourceSettings source, Path file) {
        ParseReport report;
        try {
            report = parse(source, file);
        } catch (IOException e) {
            return new LoadResult.Rejected(LoadResult.Rejected.Reason.UNREADABLE,
                    source.path() + ": cannot read: " + describe(e, source.confidential()), 0, 0);
        }
        logErrors(source, report);
        metrics.linesRead(source.id(), report.errorCount(), report.unsupported());
        if (report.errorRatio() > source.maxErrorRatio()) {
            return new LoadResult.Rejected(LoadResult.Rejected.Reason.TOO_MANY_ERRORS, String.format(Locale.ROOT,
                    "%s: %d bad lines of %d rule lines (%.2f%%, expected: at most %.2f%%)", source.path(),
                    report.errorCount(), report.ruleLines(), report.errorRatio() * 100, source.maxErrorRatio() * 100),
                    report.errorCount(), report.unsupported());
        }
        return new LoadResult.Accepted(report.domains(), report.urls(), report.addresses(), report.errorCount(), report.unsupported());
    }

    private ParseReport parse(SourceSettings source, Path file) throws IOException {
        ListParser parser = requireNonNull(parsers.apply(source.format(), source.effect()), "parser of " + source.format());
        try (InputStream in = open(file, gzipped(source.path()))) {
            return parser.parse(source.path().toString(), in, source.confidential());
        }
    }

    /** A {@code .gz} file's bytes are gunzipped on reading: a truncated archive fails as unreadable. */
    private static boolean gzipped(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static InputStream open(Path path, boolean gzipped) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        if (!gzipped) return in;
        try {
            return new GZIPInputStream(in, BUFFER_BYTES);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static void logErrors(SourceSettings source, ParseReport report) {
        // ParseError never quotes a confidential source's lines (the parsers' contract): log it as it is
        List<ParseError> errors = report.errors();
        int shown = Math.min(errors.size(), LOGGED_ERRORS);
        for (int i = 0; i < shown; i++) log.warn("source={} bad line: {}", source.id(), errors.get(i));
        if (report.errorCount() > shown) {
            log.warn("source={} path={} bad_lines={} logged={}: the rest are only counted", source.id(), source.path(),
                    report.errorCount(), shown);
        }
    }

    /** Why reading failed, in words; for a confidential source only the kind of failure, in case a message quotes data. */
    static String describe(IOException e, boolean confidential) {
        if (e instanceof NoSuchFileException) return "no such file";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        String kind = e.getClass().getSimpleName();
        return confidential || e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
