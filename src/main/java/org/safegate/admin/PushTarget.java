package org.safegate.admin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where validated pushes go: the durable journal, which makes them part of the policy. The API
 * answers 2xx only once the returned stage completes, so complete it only when the batch is
 * durable. Called on the admin's worker thread, never on an event loop: a blocking implementation
 * may block (an fsync), an asynchronous one may return at once. Fail the stage with an
 * {@link ApiException} to refuse a batch with a status of your choice (409 for an idempotency key
 * reused with a different batch, 404 for a source that takes no pushes); any other failure is a 500.
 */
@FunctionalInterface
public interface PushTarget {
    /** Until a journal is wired: every push is refused with 503. */
    PushTarget NOT_CONFIGURED = batch -> CompletableFuture.failedFuture(ApiException.notConfigured("push journal"));

    CompletionStage<Receipt> accept(PushBatch batch);

    /**
     * @param sequence the batch's position in the journal (for a repeated key: the first one's)
     * @param repeated true when the idempotency key was seen before and nothing new was applied
     */
    record Receipt(long sequence, boolean repeated) {}
}
