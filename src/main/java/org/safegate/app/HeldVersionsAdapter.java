package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.safegate.admin.ApiException;
import org.safegate.admin.HeldVersions;
import org.safegate.feeds.HeldVersion;
import org.safegate.feeds.PolicyUpdater;

/**
 * The admin API's view of feed versions held by the shrink guard: the same state directory the
 * {@code safegate feeds held/accept/reject} commands use, so the API and the command line agree.
 * A decision is recorded as the command records it, then the source is reloaded at once (rather
 * than when the file watch notices), and the answer names the policy version that results.
 */
final class HeldVersionsAdapter implements HeldVersions {
    private final org.safegate.feeds.HeldVersions held;
    private final PolicyUpdater updater;
    private final Supplier<Set<String>> sourceIds;

    /** @param sourceIds the sources configured now (a reload may change them) */
    HeldVersionsAdapter(org.safegate.feeds.HeldVersions held, PolicyUpdater updater, Supplier<Set<String>> sourceIds) {
        this.held = requireNonNull(held, "held");
        this.updater = requireNonNull(updater, "updater");
        this.sourceIds = requireNonNull(sourceIds, "sourceIds");
    }

    @Override
    public Optional<Held> held(String sourceId) {
        known(sourceId);
        try {
            return held.list(List.of(sourceId)).stream().findFirst().map(HeldVersionsAdapter::view);
        } catch (IOException e) {
            throw new IllegalStateException("held versions: " + e.getMessage(), e);   // a 500: the state directory failed
        }
    }

    @Override
    public CompletionStage<Decision> decide(String sourceId, boolean accept, String caller) {
        known(sourceId);
        try {
            held.decide(sourceId, accept, Optional.empty());
        } catch (org.safegate.feeds.HeldVersions.RefusedException e) {
            return CompletableFuture.failedFuture(new ApiException(409, e.getMessage(), "id"));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return updater.reload(Set.of(sourceId)).thenApply(version -> new Decision(sourceId, accept, version));
    }

    private void known(String sourceId) {
        if (!sourceIds.get().contains(sourceId)) throw new ApiException(404, "no source " + sourceId, "id");
    }

    private static Held view(HeldVersion v) {
        int entries = v.entries();
        return new Held(v.source(), v.heldAt(), entries, v.inForce(),
                "shrink: " + entries + " entries against " + v.inForce() + " in force");
    }
}
