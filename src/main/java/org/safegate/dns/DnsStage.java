package org.safegate.dns;

import java.util.concurrent.CompletionStage;

/**
 * One step of the query pipeline: answer, or hand the query on to the next step (given in the
 * constructor, once). Stages never block: a stage that waits returns an incomplete stage.
 * {@link DnsPipeline} assembles them. Implementations are thread-safe.
 */
interface DnsStage {
    CompletionStage<Reply> resolve(Query query);
}
