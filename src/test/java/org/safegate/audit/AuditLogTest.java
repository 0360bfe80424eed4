package org.safegate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void reopenedHistoryContinuesTheChain() throws Exception {
        Path file = dir.resolve("state/audit.jsonl");
        String head = AuditHistories.write(file, 3);
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.sequence()).isEqualTo(3);
            assertThat(log.head()).isEqualTo(head);
            AuditRecord fourth = log.append(AuditHistories.event(3));
            assertThat(fourth.sequence()).isEqualTo(4);
            assertThat(fourth.prevHash()).isEqualTo(head);
        }
        assertThat(AuditChain.verify(file).describe()).startsWith("4 records, chain intact, head ");
    }

    @Test
    void recordsAreReadWhileTheLogIsOpenAndAppendsGoOnAtTheEnd() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditHistories.write(file, 3);
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.records(1, 10)).extracting(AuditRecord::sequence).containsExactly(2L, 3L);
            log.append(AuditHistories.event(4));
            assertThat(log.records(0, 2)).extracting(AuditRecord::sequence).containsExactly(1L, 2L);
            assertThat(log.records(3, 10)).extracting(AuditRecord::sequence).containsExactly(4L);
            // the read went through the log's own channel: the lock still keeps a second writer out
            assertThatThrownBy(() -> AuditLog.open(file)).isInstanceOf(java.io.IOException.class).hasMessageContaining("in use");
        }
        assertThat(AuditChain.verify(file).records()).isEqualTo(4);
    }

    @Test
    void emptyHistoryStartsFromGenesis() throws Exception {
        try (AuditLog log = AuditLog.open(dir.resolve("audit.jsonl"))) {
            assertThat(log.head()).isEqualTo(AuditLog.GENESIS);
            assertThat(log.append(AuditHistories.event(0)).prevHash()).isEqualTo(AuditLog.GENESIS);
        }
    }

    @Test
    void tornLastLineIsCutWithOneWarning() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditHistories.write(file, 3);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.sequence()).isEqualTo(2);
            log.append(AuditHistories.event(2));
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("torn tail cut", file.toString()));
        assertThat(AuditChain.verify(file).describe()).startsWith("3 records, chain intact");
    }

    @Test
    void brokenHistoryIsNotExtended() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditHistories.write(file, 3);
        Files.writeString(file, Files.readString(file).replace("\"added\":1", "\"added\":2"));
        assertThatThrownBy(() -> AuditLog.open(file)).hasMessageContaining(file + ":2: sequence 2: edited");
    }

    @Test
    void aSecondWriterIsRefused() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file)) {
            assertThatThrownBy(() -> AuditLog.open(file)).hasMessageContaining("in use");
        }
    }
}
