package org.safegate.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.safegate.policy.Verdict;

/**
 * What the API reads of the node and asks of it, beyond the policy: each source's status
 * ({@code GET /v1/policy}), since when a lookup's rule holds ({@code GET /v1/lookup}) and a reload
 * ({@code POST /v1/reload}). The node implements it; the methods are called on the admin's worker
 * thread and may block.
 */
public interface NodeControl {
    /** Every configured source's status, in config order. */
    List<SourceReport> sources();

    /** Re-reads the config (where the node has a file) and every list, as SIGHUP does. */
    ReloadOutcome reload();

    /**
     * Since when the rule that decided {@code verdict} holds, as far as the node knows; empty when
     * it cannot tell (then the lookup names when the policy in force was compiled, not exact).
     */
    default Optional<Since> since(Verdict verdict) {
        return Optional.empty();
    }

    /**
     * @param time  the rule holds at least since then
     * @param exact true when {@code time} is when this very entry came into force under its legal
     *              basis (a pushed entry: its batch); false when it is when the source's version in
     *              force was applied (the entry may be older) or the policy compiled
     * @param batch the journal sequence of that batch; 0 when not a pushed entry
     */
    record Since(Instant time, boolean exact, long batch) {
        public Since {
            requireNonNull(time, "time");
            if (batch < 0) throw new IllegalArgumentException("batch: " + batch + " (expected: >= 0)");
        }
    }

    /**
     * One source's status, as an operator reads it; never a line of the list.
     *
     * @param state       {@code ok}, {@code rejected} (an earlier version stays in force), {@code never-loaded}
     * @param lastSuccess when the version in force was loaded
     * @param lastError   why the last attempt was rejected; empty when it was accepted
     */
    record SourceReport(String id, String format, String state, int entries, long errors, long unsupported,
                        Optional<Instant> lastSuccess, Optional<Instant> lastAttempt, String lastError) {
        public SourceReport {
            requireNonNull(id, "id");
            requireNonNull(format, "format");
            requireNonNull(state, "state");
            requireNonNull(lastSuccess, "lastSuccess");
            requireNonNull(lastAttempt, "lastAttempt");
            requireNonNull(lastError, "lastError");
        }
    }

    /**
     * @param applied       false when the config file was rejected: nothing changed
     * @param policyVersion the version in force afterwards
     * @param problems      the config's {@code file:line: key: reason} lines when rejected
     * @param needRestart   changed keys kept as in force until a restart
     */
    record ReloadOutcome(boolean applied, long policyVersion, List<String> problems, List<String> needRestart) {
        public ReloadOutcome {
            problems = List.copyOf(problems);
            needRestart = List.copyOf(needRestart);
        }
    }
}
