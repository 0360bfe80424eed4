package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.safegate.config.GuardSettings;
import java.util.function.BiFunction;
import org.safegate.config.IpEntrySettings;
import org.safegate.config.ListFormat;
import org.safegate.config.ReloadSettings;
import org.safegate.config.SourceProxySettings;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Effect;
import org.safegate.policy.Mandate;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Verdict;
import org.slf4j.LoggerFactory;

/**
 * One test's world of file sources: a directory of lists, a registry, a store, the updater and
 * (when asked) the watch, and every log line of {@code org.safegate.feeds} captured. Closing it
 * closes everything it started.
 */
final class ReloadFixture implements AutoCloseable {
    final Path dir;
    final PrometheusRegistry registry = new PrometheusRegistry();
    final FeedMetrics metrics = new FeedMetrics(registry);
    final PolicyStore store = new PolicyStore(Policy.empty(0));
    private final List<SourceSettings> sources = new ArrayList<>();
    private final Logger feedsLogger = (Logger) LoggerFactory.getLogger("org.safegate.feeds");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private PolicyUpdater updater;
    private FileWatch watch;

    ReloadFixture(Path dir) {
        this.dir = dir;
        logs.start();
        feedsLogger.addAppender(logs);
    }

    /** A blocklist of names in {@code dir/<id>.txt}, 1% of bad lines allowed. */
    SourceSettings source(String id, String... lines) throws IOException {
        return add(settings(id, dir.resolve(id + ".txt"), false, 0.01), lines);
    }

    SourceSettings add(SourceSettings source, String... lines) throws IOException {
        if (lines.length > 0) write(source.path(), lines);
        sources.add(source);
        return source;
    }

    static SourceSettings settings(String id, Path path, boolean confidential, double maxErrorRatio) {
        return new SourceSettings(id, ListFormat.DOMAINS, path, "test", Effect.BLOCK, Mandate.OPERATOR_POLICY,
                Optional.empty(), confidential, 0, maxErrorRatio, SourceProxySettings.DEFAULT, GuardSettings.DEFAULT, Optional.empty(), IpEntrySettings.DEFAULT);
    }

    PolicyUpdater updater(Clock clock) {
        return updater(clock, SourceLineParser.parsers());
    }

    PolicyUpdater updater(Clock clock, BiFunction<ListFormat, Effect, ListParser> parsers) {
        updater = new PolicyUpdater(sources, parsers, store, metrics, clock);
        return updater;
    }

    /** An updater keeping its state in {@code dir/state}, as the server does; a second one is a restart. */
    PolicyUpdater guarded(Clock clock) throws IOException {
        return guarded(clock, UpdaterHooks.NONE);
    }

    PolicyUpdater guarded(Clock clock, UpdaterHooks hooks) throws IOException {
        return guarded(clock, SourceLineParser.parsers(), hooks);
    }

    PolicyUpdater guarded(Clock clock, BiFunction<ListFormat, Effect, ListParser> parsers, UpdaterHooks hooks) throws IOException {
        updater = new PolicyUpdater(sources, parsers, store, metrics, clock, state(), hooks);
        return updater;
    }

    StateDirectory state() throws IOException {
        return StateDirectory.open(dir.resolve("state"));
    }

    /** Watch first, then load, as the application does. */
    PolicyUpdater startWatched(ReloadSettings reload, boolean useWatchService) {
        PolicyUpdater u = updater(Clock.systemUTC());
        watch = new FileWatch(reload, sources, u::reload, useWatchService);
        watch.start();
        u.start();
        return u;
    }

    Verdict.Action action(String name) {
        return store.current().check(name).action();
    }

    static void write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    }

    /** Replaces {@code file} as editors and deploy tools do: a temporary file renamed over it. */
    static void replaceAtomically(Path file, String... lines) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        write(temp, lines);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The metrics as Prometheus scrapes them. */
    String exposition() {
        return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
    }

    /** The value of the series {@code name} with these {@code label=value} pairs, as scraped. */
    double metric(String name, String... labels) {
        String text = exposition();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            if (!(brace < 0 ? series : series.substring(0, brace)).equals(name)) continue;
            if (Arrays.stream(labels).map(l -> l.replaceFirst("=", "=\"") + "\"").allMatch(series::contains))
                return Double.parseDouble(line.substring(space + 1));
        }
        throw new AssertionError("no series " + name + Arrays.toString(labels) + " in:\n" + text);
    }

    /** Every captured line at {@code level}: message and stack trace. */
    List<String> logLines(Level level) {
        List<String> lines = new ArrayList<>();
        synchronized (logs) {                 // AppenderBase appends under this lock
            for (ILoggingEvent e : logs.list) {
                if (!e.getLevel().isGreaterOrEqual(level)) continue;
                String trace = e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
                lines.add(e.getLevel() + " " + e.getFormattedMessage() + trace);
            }
        }
        return lines;
    }

    /** Names of live threads this package starts. */
    static Set<String> feedThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive() && (name.equals(PolicyUpdater.THREAD_NAME) || name.equals(FileWatch.WATCH_THREAD)
                    || name.equals(FileWatch.CHECK_THREAD)))
                names.add(name);
        }
        return names;
    }

    @Override
    public void close() {
        if (watch != null) watch.close();
        if (updater != null) updater.close();
        feedsLogger.detachAppender(logs);
    }
}
