package org.safegate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Optional;

/**
 * Finds a command-line tool a test needs (dig, unbound, nsd, curl, chromium). When it is missing
 * the test is skipped, naming the Debian package, unless the build runs with
 * {@code -Dsafegate.requireTools=true} (CI does): then a missing tool fails the test, so CI never
 * passes by skipping.
 */
public final class ExternalTool {
    private ExternalTool() {}

    /** @return the tool's absolute path; skips or fails the calling test when it is absent */
    public static String require(String command, String debianPackage) {
        Optional<String> path = find(command);
        if (path.isPresent()) return path.get();
        String message = command + " not found on PATH (apt-get install " + debianPackage + ")";
        if (Boolean.getBoolean("safegate.requireTools")) throw new AssertionError(message + "; safegate.requireTools is set");
        assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }

    public static Optional<String> find(String command) {
        String pathEnv = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : pathEnv.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            File candidate = new File(dir, command);
            if (candidate.isFile() && candidate.canExecute()) return Optional.of(candidate.getAbsolutePath());
        }
        return Optional.empty();
    }
}
