package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.safegate.config.SourceSettings;
import org.safegate.policy.Verdict.Action;

/** A confidential list others may read is refused before a byte is read. */
class ConfidentialFileTest {
    @TempDir
    Path dir;

    private Path file(String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("iwf.txt"), "listed.invalid\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @ParameterizedTest
    @CsvSource({"rw-r--r--, 0644", "rw-r-----, 0640", "rw----r--, 0604", "r--r--r--, 0444", "rwxr-x---, 0750"})
    void readableByGroupOrOthersIsRefused(String permissions, String mode) throws IOException {
        Path file = file(permissions);
        assertThat(ConfidentialFile.problem(file)).contains(file + ": confidential list is readable by group/others (mode "
                + mode + "); expected 0600 or 0400");
    }

    @ParameterizedTest
    @CsvSource({"rw-------", "r--------", "rw--w----"})
    void readableByTheOwnerOnlyIsLoaded(String permissions) throws IOException {
        assertThat(ConfidentialFile.problem(file(permissions))).isEmpty();
    }

    @Test
    void missingFileIsLeftToTheReadToReport() {
        assertThat(ConfidentialFile.problem(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void refusedListIsRejectedVisiblyAndAPlainListIsNotChecked() throws IOException {
        try (ReloadFixture world = new ReloadFixture(dir)) {
            SourceSettings iwf = world.add(ReloadFixture.settings("iwf", file("rw-r--r--"), true, 0.01));
            world.add(ReloadFixture.settings("ads", dir.resolve("ads.txt"), false, 0.01), "ads.example");  // 0644, not confidential
            PolicyUpdater updater = world.updater(Clock.systemUTC());
            updater.start();

            assertThat(world.action("listed.invalid")).isEqualTo(Action.ALLOW);
            assertThat(world.action("ads.example")).isEqualTo(Action.BLOCK);
            assertThat(updater.status("iwf").map(SourceStatus::lastError)).isEqualTo(Optional.of(iwf.path()
                    + ": confidential list is readable by group/others (mode 0644); expected 0600 or 0400"));
            assertThat(world.metric("safegate_source_rejected_total", "source=iwf", "reason=insecure_permissions")).isEqualTo(1);
        }
    }
}
