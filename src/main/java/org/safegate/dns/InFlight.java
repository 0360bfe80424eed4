package org.safegate.dns;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts queries waiting for an upstream answer, so a closing server can let them finish.
 * Thread-safe; {@link #begin} and {@link #end} never block (they run on event loops).
 */
final class InFlight {
    private final AtomicInteger count = new AtomicInteger();
    private volatile CompletableFuture<Void> idle;

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        if (count.decrementAndGet() == 0) {
            CompletableFuture<Void> waiting = idle;
            if (waiting != null) waiting.complete(null);
        }
    }

    int count() {
        return count.get();
    }

    /**
     * Waits until no query is in flight, at most {@code grace}; call off the event loops.
     *
     * @return false when queries were still in flight after {@code grace}
     */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        idle = waiting;                                  // set before the check: an end() after it completes it
        if (count.get() == 0) return true;
        try {
            waiting.get(grace.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("idle future failed", e);   // never completed exceptionally
        }
    }
}
