package org.safegate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real public lists in {@code shared/data} (see its README): found at
 * {@code -Dsafegate.sharedData}, else as {@code shared/data} beside the repository or one of its
 * parents (a worktree sits deeper). Absent, the calling test is skipped, unless
 * {@code -Dsafegate.requireTools=true} (CI), which makes it fail, as for a missing tool.
 */
public final class SharedData {
    private SharedData() {}

    public static Path directory() {
        Optional<Path> found = find();
        String message = "shared/data not found beside the repository or its parents (or -Dsafegate.sharedData)";
        if (found.isEmpty() && Boolean.getBoolean("safegate.requireTools"))
            throw new AssertionError(message + "; safegate.requireTools is set");
        assumeTrue(found.isPresent(), message);
        return found.get();
    }

    private static Optional<Path> find() {
        String configured = System.getProperty("safegate.sharedData");
        if (configured != null) return Optional.of(Path.of(configured));
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("shared/data");
            if (Files.isRegularFile(data.resolve("README.md"))) return Optional.of(data);
        }
        return Optional.empty();
    }
}
