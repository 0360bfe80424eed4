package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.safegate.admin.ApiException;
import org.safegate.admin.PushBatch;
import org.safegate.admin.PushTarget;
import org.safegate.control.PushRefusedException;
import org.safegate.control.PushResult;
import org.safegate.control.Pushes;
import org.safegate.journal.Batch;
import org.safegate.journal.IdempotencyConflictException;

/**
 * The admin API's pushes, handed to the journal-backed {@link Pushes}: a validated
 * {@link PushBatch} becomes a journal {@link Batch} of plain entry strings, and each refusal gets
 * the status the API documents. Lives in {@code app} so that neither {@code admin} nor
 * {@code control} knows the other. Runs on the admin's worker thread: the append blocks for its
 * fsync and then for the compile, bounded by {@link Pushes#WAIT}; a batch not in force by then is
 * refused with 503 although it is journalled (the API answers 2xx only for a batch in force).
 */
final class PushTargetAdapter implements PushTarget {
    private final Pushes pushes;
    private final Clock clock;

    PushTargetAdapter(Pushes pushes, Clock clock) {
        this.pushes = requireNonNull(pushes, "pushes");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Receipt> accept(PushBatch batch) {
        try {
            PushResult result = pushes.push(toJournal(batch));
            if (!result.inForce()) {
                // durable but not yet compiled in: a 2xx would promise what is not true yet; the batch
                // stays journalled, and a repeat with the same key waits for it again
                return CompletableFuture.failedFuture(new ApiException(503, "batch journalled as sequence "
                        + result.receipt().sequence() + " but not in force within " + Pushes.WAIT.toSeconds()
                        + " s; repeat it with the same idempotencyKey to learn when it holds", ""));
            }
            return CompletableFuture.completedFuture(new Receipt(result.receipt().sequence(), result.receipt().repeated()));
        } catch (PushRefusedException e) {
            int status = e.reason() == PushRefusedException.Reason.UNKNOWN_SOURCE ? 404 : 409;
            return CompletableFuture.failedFuture(new ApiException(status, e.getMessage(), "id"));
        } catch (IdempotencyConflictException e) {
            return CompletableFuture.failedFuture(new ApiException(409, e.getMessage(), "idempotencyKey"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ApiException(422, e.getMessage(), ""));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);          // the journal failed: a 500, logged by the API
        }
    }

    private Batch toJournal(PushBatch b) {
        List<String> adds = entries(b.add());
        return b.kind() == PushBatch.Kind.REPLACE
                ? Batch.replacement(b.sourceId(), b.idempotencyKey(), b.legalBasis(), b.caller(), clock.instant(), adds)
                : Batch.changes(b.sourceId(), b.idempotencyKey(), b.legalBasis(), b.caller(), clock.instant(), adds,
                        entries(b.remove()));
    }

    /** Names, canonical URLs and networks as text: {@code control.PushEntry} tells them apart again. */
    private static List<String> entries(PushBatch.Entries entries) {
        List<String> all = new ArrayList<>(entries.size());
        all.addAll(entries.domains());
        entries.urls().forEach(u -> all.add(u.toString()));
        entries.ips().forEach(c -> all.add(c.toString()));
        return all;
    }
}
