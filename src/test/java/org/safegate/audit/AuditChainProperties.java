package org.safegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any one changed byte anywhere in the history is caught, at or before the line it is on. */
class AuditChainProperties {
    private static Path dir;
    private static byte[] history;

    @BeforeContainer
    static void writeHistory() throws Exception {
        dir = Files.createTempDirectory("audit-property");
        AuditHistories.write(dir.resolve("audit.jsonl"), 6);
        history = Files.readAllBytes(dir.resolve("audit.jsonl"));
    }

    @AfterContainer
    static void deleteHistory() throws Exception {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @Property(tries = 300)
    void anyChangedByteIsDetected(@ForAll @IntRange(min = 0, max = 100_000) int positionSeed,
                                  @ForAll @IntRange(min = 1, max = 255) int flip) throws Exception {
        int position = positionSeed % history.length;
        byte[] changed = history.clone();
        changed[position] ^= (byte) flip;
        Path file = Files.write(dir.resolve("changed-" + position + "-" + flip + ".jsonl"), changed);
        AuditVerification result = AuditChain.verify(file);
        assertThat(result.intact()).as("byte %d ^ %d", position, flip).isFalse();
        int lineOfChange = 1 + (int) new String(history, 0, position, java.nio.charset.StandardCharsets.ISO_8859_1).chars().filter(c -> c == '\n').count();
        assertThat(result.problem().orElseThrow().line()).isLessThanOrEqualTo(lineOfChange + 1);
        Files.delete(file);
    }
}
