package org.safegate.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.safegate.audit.AuditChain;
import org.safegate.audit.AuditEvent;
import org.safegate.audit.AuditRecord;
import org.safegate.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code safegate audit verify|show [--file F]}: checks or prints the hash-chained history of policy changes. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check or print the history of policy changes.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
final class AuditCommand implements Runnable {
    static final String DEFAULT_FILE = "/var/lib/safegate/audit.jsonl";

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "audit: a subcommand is required (verify or show)");
    }

    /** Verifies {@code file}, handing each good record to {@code each}; prints the verdict, returns the exit code. */
    static int check(Path file, Consumer<AuditRecord> each) throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such history file");
            return 2;
        }
        AuditVerification result = AuditChain.verify(file, each);
        if (result.intact()) {
            System.out.println(result.describe());
            return 0;
        }
        System.err.println(result.describe());
        System.err.println(result.records() + " records before it hold, head " + result.head());
        return 1;
    }

    /** Exit 0 and the head when every record holds; exit 1 naming the first bad record. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every record's hash and chain. Exit 0: \"N records, chain intact, head H\"; "
                    + "exit 1: the first bad record (line, sequence, edited / removed or reordered / malformed).")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--file", defaultValue = DEFAULT_FILE, description = "the history (default: ${DEFAULT-VALUE})")
        Path file;

        @Override
        public Integer call() throws IOException {
            return check(file, record -> { });
        }
    }

    /** One readable line per record, then the verification result. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every record, one line each, then verify the chain.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--file", defaultValue = DEFAULT_FILE, description = "the history (default: ${DEFAULT-VALUE})")
        Path file;

        @Override
        public Integer call() throws IOException {
            return check(file, record -> System.out.println(describe(record)));
        }

        static String describe(AuditRecord record) {
            AuditEvent e = record.event();
            return String.format(Locale.ROOT, "#%d %s %-12s source=%s actor=%s added=%d removed=%d entries=%d policy=%s hash=%s",
                    record.sequence(), e.time(), e.action().text(), e.source().isEmpty() ? "-" : e.source(), e.actor(),
                    e.added(), e.removed(), e.entries(), e.policyVersion(), record.hash().substring(0, 16));
        }
    }
}
