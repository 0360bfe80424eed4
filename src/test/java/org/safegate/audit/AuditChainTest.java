package org.safegate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An auditor's checks: every kind of tampering with a copy of the history is named at its first record. */
class AuditChainTest {
    @TempDir
    Path dir;

    private Path original;
    private Path copy;
    private String head;
    private List<String> lines;

    @BeforeEach
    void writeHistory() throws Exception {
        original = dir.resolve("audit.jsonl");
        copy = dir.resolve("copy.jsonl");
        head = AuditHistories.write(original, 8);
        lines = new ArrayList<>(Files.readAllLines(original, StandardCharsets.UTF_8));
    }

    private AuditProblem problemAfter(List<String> changed) throws Exception {
        Files.write(copy, changed, StandardCharsets.UTF_8);
        AuditVerification result = AuditChain.verify(copy);
        assertThat(result.intact()).isFalse();
        return result.problem().orElseThrow();
    }

    @Test
    void intactHistoryVerifiesWithItsHead() throws Exception {
        AuditVerification result = AuditChain.verify(original);
        assertThat(result.describe()).isEqualTo("8 records, chain intact, head " + head);
        assertThat(head).matches("[0-9a-f]{64}");
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"2026-11-23T10:15:30Z\",\"actor\":\"regulator-a\",\"source\":\"\",\"action\":\"push\",")
                .contains("\"prev\":\"" + AuditLog.GENESIS + "\"");
        assertThat(lines.get(1)).contains("\"actor\":\"operator \\\"b\\\"\"", "\"action\":\"replace\"");
    }

    @Test
    void anEditedFieldIsNamedAsEdited() throws Exception {
        lines.set(4, lines.get(4).replace("\"added\":4", "\"added\":5"));
        AuditProblem problem = problemAfter(lines);
        assertThat(problem).isEqualTo(new AuditProblem(copy.toString(), 5, 5, AuditProblem.Kind.EDITED, "hash does not match the record's content"));
        assertThat(problem.toString()).startsWith(copy + ":5: sequence 5: edited: ");
    }

    @Test
    void anEditWithItsHashRecomputedBreaksTheNextRecordsLink() throws Exception {
        AuditRecord fifth = AuditLine.parse(lines.get(4));
        AuditEvent e = fifth.event();
        AuditEvent forged = new AuditEvent(e.time(), "someone-else", e.source(), e.action(), e.added(), e.removed(), e.entries(), e.policyVersion());
        lines.set(4, AuditLine.encode(AuditLine.record(5, forged, fifth.prevHash())));
        AuditProblem problem = problemAfter(lines);
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.kind()).isEqualTo(AuditProblem.Kind.REMOVED_OR_REORDERED);
        assertThat(problem.reason()).contains("prev-hash mismatch");
    }

    @Test
    void aDeletedRecordIsASequenceGapAtTheNextLine() throws Exception {
        lines.remove(3);
        AuditProblem problem = problemAfter(lines);
        assertThat(problem).extracting(AuditProblem::line, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(4, 5L, AuditProblem.Kind.REMOVED_OR_REORDERED);
        assertThat(problem.reason()).isEqualTo("sequence gap: expected 4");
    }

    @Test
    void theFirstRecordDeletedIsNamedToo() throws Exception {
        lines.remove(0);
        assertThat(problemAfter(lines)).extracting(AuditProblem::line, AuditProblem::kind).containsExactly(1, AuditProblem.Kind.REMOVED_OR_REORDERED);
    }

    @Test
    void swappedRecordsAreNamedAtTheFirstOfThem() throws Exception {
        Collections.swap(lines, 2, 3);
        AuditProblem problem = problemAfter(lines);
        assertThat(problem).extracting(AuditProblem::line, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(3, 4L, AuditProblem.Kind.REMOVED_OR_REORDERED);
    }

    @Test
    void aRenumberedSwapStillBreaksTheChain() throws Exception {
        String third = lines.get(2).replace("{\"seq\":3,", "{\"seq\":4,");
        String fourth = lines.get(3).replace("{\"seq\":4,", "{\"seq\":3,");
        lines.set(2, fourth);
        lines.set(3, third);
        AuditProblem problem = problemAfter(lines);
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.kind()).isEqualTo(AuditProblem.Kind.REMOVED_OR_REORDERED);
    }

    @Test
    void malformedAndNonCanonicalLinesAreNamed() throws Exception {
        List<String> garbage = new ArrayList<>(lines);
        garbage.set(2, "not json");
        assertThat(problemAfter(garbage)).extracting(AuditProblem::line, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(3, -1L, AuditProblem.Kind.MALFORMED);

        List<String> spaced = new ArrayList<>(lines);
        spaced.set(1, spaced.get(1).replace("\"added\":1", "\"added\": 1"));
        AuditProblem problem = problemAfter(spaced);
        assertThat(problem).extracting(AuditProblem::line, AuditProblem::sequence, AuditProblem::kind)
                .containsExactly(2, 2L, AuditProblem.Kind.MALFORMED);

        List<String> padded = new ArrayList<>(lines);
        padded.set(1, padded.get(1).replace("\"added\":1", "\"added\":01"));
        assertThat(problemAfter(padded).reason()).isEqualTo("not in canonical form");
    }

    @Test
    void aMissingFinalNewlineIsATornWrite() throws Exception {
        byte[] bytes = Files.readAllBytes(original);
        Files.write(copy, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        AuditVerification result = AuditChain.verify(copy);
        assertThat(result.records()).isEqualTo(7);
        assertThat(result.problem().orElseThrow().reason()).contains("torn write");
    }
}
