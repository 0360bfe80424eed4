package org.safegate.dns;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.CompletableFuture.completedFuture;

import java.util.concurrent.CompletionStage;
import org.safegate.policy.Verdict;

/** Decides the question's name with the query's policy snapshot: block, steer, or pass on. Thread-safe. */
final class PolicyStage implements DnsStage {
    private final BlockAnswers answers;
    private final DnsStage next;

    PolicyStage(BlockAnswers answers, DnsStage next) {
        this.answers = requireNonNull(answers, "answers");
        this.next = requireNonNull(next, "next");
    }

    @Override
    public CompletionStage<Reply> resolve(Query query) {
        Verdict verdict = query.policy().check(query.normalizedName());
        return switch (verdict.action()) {
            case ALLOW -> next.resolve(query);
            case BLOCK -> completedFuture(answers.blocked(query, verdict.rule()));
            // only address and service-binding types are steered; the rest (MX, TXT...) resolve as usual
            case STEER -> answers.steers(query.type()) ? steer(query) : next.resolve(query);
        };
    }

    /**
     * Answers with the proxy at once, and still sends the question on exactly as for an unlisted
     * name (its answer only fills the cache): the authoritative side must not be able to tell
     * which names are listed by which questions never reach it.
     */
    private CompletionStage<Reply> steer(Query query) {
        next.resolve(query);
        return completedFuture(answers.steered(query));
    }
}
