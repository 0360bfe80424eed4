package org.safegate.feeds;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A unit of work on the policy compiler thread, completing its future however it ends. */
final class CompilerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PolicyUpdater.class);

    final CompletableFuture<Long> result = new CompletableFuture<>();
    private final Callable<Long> work;
    private final boolean logFailure;

    CompilerTask(Callable<Long> work, boolean logFailure) {
        this.work = work;
        this.logFailure = logFailure;
    }

    @Override
    public void run() {
        try {
            result.complete(work.call());
        } catch (CancellationException e) {
            result.completeExceptionally(e);
        } catch (Exception | Error e) {
            // A reload has no caller waiting on it (a file watch fired it): this is where it is handled
            if (logFailure) log.error("reload failed; every source keeps its version in force", e);
            result.completeExceptionally(e);
        }
    }
}
