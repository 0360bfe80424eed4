package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private Stream<Path> entries() throws IOException {
        return Files.list(dir);
    }

    @Test
    void writeReplacesTheWholeFileOwnerOnlyAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("ads");
        AtomicFile.write(target, "old version\n".getBytes(UTF_8));
        AtomicFile.write(target, "new\n".getBytes(UTF_8));

        assertThat(target).hasContent("new");
        assertThat(entries()).containsExactly(target);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void whileWritingTheFinalPathStillHoldsTheOldVersion() throws IOException {
        Path target = dir.resolve("ads");
        AtomicFile.write(target, "old version\n".getBytes(UTF_8));
        AtomicFile.write(target, out -> {
            out.write("half of the ".getBytes(UTF_8));
            out.flush();
            assertThat(target).as("a partial file never at the final path").hasContent("old version");
            assertThat(entries()).hasSize(2).allSatisfy(p -> assertThat(p.equals(target)
                    || p.getFileName().toString().startsWith(AtomicFile.TEMP_PREFIX)).isTrue());
            out.write("new version\n".getBytes(UTF_8));
        });
        assertThat(target).hasContent("half of the new version");
    }

    @Test
    void failedWriteLeavesTheOldVersionAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("ads");
        AtomicFile.write(target, "old version\n".getBytes(UTF_8));
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            out.write("trunc".getBytes(UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("old version");
        assertThat(entries()).containsExactly(target);
    }

    @Test
    void failedWriteOfANewFileLeavesNoFile() {
        Path target = dir.resolve("fresh");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> {
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class);
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }
}
