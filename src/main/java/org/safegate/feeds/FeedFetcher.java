package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import org.safegate.config.FetchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one source's url onto its download target: a conditional GET (the previous response's
 * ETag and Last-Modified, kept beside the download so a restart still sends them), the body into a
 * temporary file in the target's directory, the detached signature checked, then one atomic rename
 * onto the target. Any failure leaves the previous download as it was; a version that fails to
 * parse is the loader's business, after this.
 *
 * <p>Each fetch is counted in {@link FeedMetrics}; logging is the caller's (it knows what happens
 * next). Not thread-safe: one fetch at a time, on the refresher's thread.
 */
public final class FeedFetcher {
    /** A detached signature is a few hundred bytes; anything much bigger is not one. */
    static final int MAX_SIGNATURE_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FeedFetcher.class);

    private final String sourceId;
    private final FetchSettings settings;
    private final Path target;
    private final FeedMetrics metrics;
    private final Transfer transfer;
    private final Clock clock;

    /** @param target the source's path: where the verified download is put */
    public FeedFetcher(String sourceId, FetchSettings settings, Path target, FeedMetrics metrics, Clock clock) {
        this.sourceId = requireNonNull(sourceId, "sourceId");
        this.settings = requireNonNull(settings, "settings");
        this.target = requireNonNull(target, "target").toAbsolutePath();
        this.metrics = requireNonNull(metrics, "metrics");
        this.clock = requireNonNull(clock, "clock");
        this.transfer = new Transfer(settings);
        metrics.fetchConfigured(sourceId);
    }

    public FetchOutcome fetch() {
        FetchOutcome outcome;
        try {
            outcome = fetchOnce();
        } catch (FetchFailure f) {
            outcome = new FetchOutcome.Failed(f.reason(), f.getMessage());
        }
        // A fetch cut short by close() says nothing about the server: not counted
        if (!Thread.currentThread().isInterrupted()) metrics.fetched(sourceId, outcome, clock.instant());
        return outcome;
    }

    private FetchOutcome fetchOnce() throws FetchFailure {
        FetchState previous = FetchState.load(target);
        Path temp = temporaryFile();
        try {
            Optional<Transfer.Download> download = transfer.toFile(settings.url(), previous, temp);
            if (download.isEmpty()) return new FetchOutcome.NotModified();
            Transfer.Download d = download.get();
            FetchState next = new FetchState(d.etag(), d.lastModified(), d.sha256(), d.size());
            if (d.sha256().equals(previous.sha256())) {
                store(next);          // same bytes under new validators: the next request can be conditional again
                return new FetchOutcome.NotModified();
            }
            checkSignature(temp);
            moveIntoPlace(temp);
            store(next);
            return new FetchOutcome.Updated(d.sha256(), d.size());
        } finally {
            deleteQuietly(temp);
        }
    }

    private void checkSignature(Path file) throws FetchFailure {
        if (settings.signature().isEmpty()) return;
        FetchSettings.Signature signature = settings.signature().get();
        byte[] bytes = transfer.bytes(signature.url(), MAX_SIGNATURE_BYTES);
        SignatureVerifier verifier;
        try {
            verifier = SignatureVerifier.fromPem(signature.publicKey());
        } catch (IOException | GeneralSecurityException e) {
            throw new FetchFailure(FetchOutcome.Reason.BAD_SIGNATURE, "signature.public-key: " + signature.publicKey()
                    + ": cannot be used: " + e.getMessage());
        }
        try {
            if (!verifier.verify(file, bytes))
                throw new FetchFailure(FetchOutcome.Reason.BAD_SIGNATURE, FetchSettings.describe(signature.url())
                        + ": not a " + verifier.algorithm() + " signature of the file by " + signature.publicKey());
        } catch (IOException e) {
            throw new FetchFailure(FetchOutcome.Reason.LOCAL_IO, "reading the download to verify it: " + e.getMessage());
        }
    }

    private Path temporaryFile() throws FetchFailure {
        try {
            Files.createDirectories(target.getParent());
            // Same directory as the target: the rename stays on one file system, so it can be atomic
            return Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new FetchFailure(FetchOutcome.Reason.LOCAL_IO, target.getParent() + ": cannot write a download: " + e);
        }
    }

    private void moveIntoPlace(Path temp) throws FetchFailure {
        try {
            AtomicFile.moveInto(temp, target);      // fsynced, renamed, directory synced
        } catch (IOException e) {
            throw new FetchFailure(FetchOutcome.Reason.LOCAL_IO, target + ": cannot replace: " + e);
        }
    }

    /** Not fatal: without it the next request is unconditional, which costs one download, not a version. */
    private void store(FetchState state) {
        try {
            state.store(target);
        } catch (IOException e) {
            log.warn("source={} file={} not written ({}); the next fetch downloads the whole file", sourceId,
                    FetchState.fileOf(target), e.toString());
        }
    }

    private void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Harmless (the next fetch makes a new one), but it takes disk space
            log.warn("source={} file={} left behind: {}", sourceId, temp, e.toString());
        }
    }
}
