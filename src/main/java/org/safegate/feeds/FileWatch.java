package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.safegate.config.ReloadSettings;
import org.safegate.config.SourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changed source files and reports them in debounced batches of source ids.
 *
 * <p>Two ways of noticing, because either alone misses changes: a {@link WatchService} on each
 * file's directory (not the file: an editor's save-by-rename, a {@code mv} into place and a
 * delete-and-recreate replace the directory entry, and a watch on the old file would go deaf), and a
 * check every {@code checkInterval} of each file's {@link FileStamp} (network file systems send no
 * events; a full event queue drops them). A batch is reported once no source file has changed for
 * {@code debounce}, so a file being written is read once, whole.
 *
 * <p>Threads: {@value #WATCH_THREAD} waits for events, {@value #CHECK_THREAD} runs the periodic check,
 * the debounce and the callback; both daemons, both gone when {@link #close()} returns.
 * Concurrency: every mutable field below is confined to {@value #CHECK_THREAD} once {@link #start()}
 * has handed over (scheduling a task happens-before it runs); the watch thread only posts to it.
 */
public final class FileWatch implements AutoCloseable {
    static final String WATCH_THREAD = "safegate-file-watch";
    static final String CHECK_THREAD = "safegate-file-check";
    private static final Logger log = LoggerFactory.getLogger(FileWatch.class);

    private final Map<Path, Set<String>> idsByFile = new LinkedHashMap<>();   // absolute, normalised
    private final Duration checkInterval;
    private final long debounceNanos;
    private final Consumer<Set<String>> onChange;
    private final boolean useWatchService;
    private final ScheduledExecutorService timer;

    private final Map<Path, FileStamp> stamps = new HashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Set<String> pending = new LinkedHashSet<>();
    private long lastChangeNanos;
    private boolean flushScheduled;
    private boolean started;
    private volatile WatchService watcher;     // volatile: close() may come from another thread than start()
    private volatile Thread watchThread;

    /**
     * @param onChange receives the ids of changed sources, on {@value #CHECK_THREAD}; it must return
     *                 quickly ({@code PolicyUpdater::reload} queues and returns)
     */
    public FileWatch(ReloadSettings reload, List<SourceSettings> sources, Consumer<Set<String>> onChange) {
        this(reload, sources, Map.of(), onChange, true);
    }

    /**
     * @param moreFiles other files whose change reloads a source, by source id: the operator's
     *                  decisions on held versions ({@link StateDirectory#decision})
     */
    public FileWatch(ReloadSettings reload, List<SourceSettings> sources, Map<Path, String> moreFiles,
                     Consumer<Set<String>> onChange) {
        this(reload, sources, moreFiles, onChange, true);
    }

    FileWatch(ReloadSettings reload, List<SourceSettings> sources, Consumer<Set<String>> onChange, boolean useWatchService) {
        this(reload, sources, Map.of(), onChange, useWatchService);
    }

    /** {@code useWatchService} false: the periodic check alone, as on a file system without events. */
    FileWatch(ReloadSettings reload, List<SourceSettings> sources, Map<Path, String> moreFiles, Consumer<Set<String>> onChange,
              boolean useWatchService) {
        requireNonNull(reload, "reload");
        if (reload.checkInterval().isNegative() || reload.checkInterval().isZero())
            throw new IllegalArgumentException("checkInterval: " + reload.checkInterval() + " (expected: > 0)");
        if (reload.debounce().isNegative())
            throw new IllegalArgumentException("debounce: " + reload.debounce() + " (expected: >= 0)");
        this.checkInterval = reload.checkInterval();
        this.debounceNanos = reload.debounce().toNanos();
        this.onChange = requireNonNull(onChange, "onChange");
        this.useWatchService = useWatchService;
        for (SourceSettings s : sources) {
            Path file = s.path().toAbsolutePath().normalize();
            idsByFile.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(s.id());
        }
        moreFiles.forEach((path, id) ->
                idsByFile.computeIfAbsent(path.toAbsolutePath().normalize(), f -> new LinkedHashSet<>()).add(id));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, CHECK_THREAD);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes every file's stamp and starts watching. Call it before the first load
     * ({@link PolicyUpdater#start()}): a change between the two is then noticed, not lost.
     */
    public void start() {
        if (started) throw new IllegalStateException("file watch: already started");
        started = true;
        for (Path file : idsByFile.keySet()) stamps.put(file, FileStamp.of(file));
        if (useWatchService) startWatching();
        long interval = checkInterval.toNanos();
        timer.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** Stops both threads and waits (briefly) until they are gone. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();            // wakes the watch thread out of take()
            } catch (IOException e) {
                log.warn("closing the file watch service failed", e);
            }
        }
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) log.warn("thread={} still running 5 s after close", CHECK_THREAD);
            if (watchThread != null) watchThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startWatching() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            // Degraded, not broken: the periodic check still notices every change, only later
            log.warn("file watch unavailable ({}); changes are noticed by the check every {}", e.getMessage(), checkInterval);
            return;
        }
        for (Path dir : directories()) {
            if (!register(dir))
                log.warn("directory={} not watched yet (missing?); its files are checked every {}", dir, checkInterval);
        }
        watchThread = new Thread(this::watchLoop, WATCH_THREAD);
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private Set<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path file : idsByFile.keySet()) dirs.add(file.getParent());
        return dirs;
    }

    private boolean register(Path dir) {
        try {
            keys.put(dir, dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY));
            return true;
        } catch (IOException e) {
            return false;                   // the caller logs, or retries at the next check
        } catch (ClosedWatchServiceException e) {
            return false;                   // closing
        }
    }

    /** On {@value #WATCH_THREAD}: hands each batch of events to the check thread. */
    private void watchLoop() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;                     // close(): the way out
            }
            Path dir = (Path) key.watchable();
            List<Path> files = new ArrayList<>();
            boolean overflow = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) overflow = true;
                else files.add(dir.resolve((Path) event.context()));
            }
            key.reset();                    // an invalid key (directory gone) is re-registered by check()
            boolean everyFile = overflow;   // events were dropped: any file of the directory may have changed
            try {
                timer.execute(() -> noticed(dir, files, everyFile));
            } catch (RejectedExecutionException e) {
                return;                     // close(): the check thread is gone
            }
        }
    }

    private void noticed(Path dir, List<Path> files, boolean everyFile) {
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<Path, Set<String>> e : idsByFile.entrySet()) {
            Path file = e.getKey();
            if (everyFile ? dir.equals(file.getParent()) : files.contains(file)) {
                stamps.put(file, FileStamp.of(file));   // so the periodic check does not report it again
                ids.addAll(e.getValue());
            }
        }
        changed(ids);
    }

    /** Every {@code checkInterval}: catches what the watch missed, and re-watches directories that came back. */
    private void check() {
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (Map.Entry<Path, Set<String>> e : idsByFile.entrySet()) {
                FileStamp now = FileStamp.of(e.getKey());
                if (!now.equals(stamps.put(e.getKey(), now))) ids.addAll(e.getValue());
            }
            if (!ids.isEmpty()) log.debug("periodic check noticed a change sources={}", ids);
            changed(ids);
            if (watcher != null) rewatch();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: handle here so checking goes on
            log.error("periodic file check failed; next try in {}", checkInterval, e);
        }
    }

    private void rewatch() {
        for (Path dir : directories()) {
            WatchKey key = keys.get(dir);
            if ((key == null || !key.isValid()) && register(dir)) log.info("directory={} watched again", dir);
        }
    }

    private void changed(Set<String> ids) {
        if (ids.isEmpty()) return;
        pending.addAll(ids);
        lastChangeNanos = System.nanoTime();     // elapsed time: the monotonic clock, immune to clock steps
        if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(this::flush, debounceNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Reports the batch once no file changed for {@code debounce}; else waits for the rest of it. */
    private void flush() {
        long quiet = System.nanoTime() - lastChangeNanos;
        if (quiet < debounceNanos) {
            timer.schedule(this::flush, debounceNanos - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        flushScheduled = false;
        Set<String> batch = Set.copyOf(pending);
        pending.clear();
        log.debug("files changed sources={}", batch);
        try {
            onChange.accept(batch);
        } catch (RuntimeException e) {
            log.error("reload of sources={} could not be queued", batch, e);
        }
    }
}
