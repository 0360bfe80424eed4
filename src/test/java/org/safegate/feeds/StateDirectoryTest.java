package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void openCreatesOwnerOnlyDirectoriesAndEmptiesTmp() throws IOException {
        StateDirectory state = StateDirectory.open(dir.resolve("state"));
        for (String sub : StateDirectory.SUBDIRECTORIES) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.root().resolve(sub))))
                    .as(sub).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.root()))).isEqualTo("rwx------");
        Files.writeString(state.tmp().resolve(".tmp-left-by-a-crash"), "half");

        StateDirectory again = StateDirectory.open(dir.resolve("state"));
        assertThat(again.tmp()).isEmptyDirectory();
    }

    @Test
    void unwritableStateDirIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");      // fails for root too, unlike a chmod
        assertThatThrownBy(() -> StateDirectory.open(file.resolve("state")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("state-dir: " + file.resolve("state") + ": not writable by user ")
                .hasMessageContaining("expected: a directory this user owns (systemd: StateDirectory=safegate)");
    }

    @Test
    void existingRefusesADirectoryNoServerMade() {
        assertThatThrownBy(() -> StateDirectory.existing(dir))
                .hasMessage("state-dir: " + dir + ": no last-good/ (expected: the state directory of a safegate that has "
                        + "started once; check safegate.state-dir)");
    }
}
