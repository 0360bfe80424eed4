package org.safegate.app;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SourceSettings;
import org.safegate.feeds.AppliedRecord;
import org.safegate.feeds.HeldVersion;
import org.safegate.feeds.HeldVersions;
import org.safegate.feeds.StateDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code safegate feeds held|accept|reject|history}: the operator's side of the shrink guard and the
 * record of applied versions, on the state directory of the config's {@code state-dir}. Works while
 * the server runs: a decision is a file the server's watch notices. Run as the service user
 * ({@code sudo -u safegate safegate feeds ...}), so the server may read and remove what it writes.
 */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = "Held versions (the shrink guard) and the history of applied versions.",
        subcommands = {FeedsCommand.Held.class, FeedsCommand.Accept.class, FeedsCommand.Reject.class, FeedsCommand.History.class})
final class FeedsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("feeds: a subcommand is required: held, accept, reject or history");
        return 2;
    }

    /** What every subcommand needs: the settings and their state directory. */
    abstract static class StateCommand implements Callable<Integer> {
        @Mixin
        SettingsOption config;
        Settings settings;
        StateDirectory state;

        @Override
        public final Integer call() throws IOException {
            try {
                settings = config.load();
                state = StateDirectory.existing(settings.stateDir());
            } catch (SettingsException | IOException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            return run();
        }

        abstract Integer run() throws IOException;

        List<String> sourceIds() {
            return settings.sources().stream().map(SourceSettings::id).toList();
        }
    }

    @Command(name = "held", mixinStandardHelpOptions = true, description = "List the versions the shrink guard holds.")
    static final class Held extends StateCommand {
        @Override
        Integer run() throws IOException {
            List<HeldVersion> held = new HeldVersions(state).list(sourceIds());
            if (held.isEmpty()) System.out.println("no held versions (" + state + ")");
            for (HeldVersion h : held) {
                System.out.println(h.source() + ": " + h.describe());
                System.out.println("  accept: safegate feeds accept " + h.source() + " --hash " + h.sha256());
                System.out.println("  reject: safegate feeds reject " + h.source() + " --hash " + h.sha256());
            }
            return 0;
        }
    }

    /** Accept and reject: one source, an optional hash, the same checks. */
    abstract static class Decide extends StateCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "the source's id")
        String source;

        @Option(names = "--hash", paramLabel = "SHA256", description = "the held version's hash as shown by 'feeds held': "
                + "refuses if another version was held since")
        String hash;

        abstract boolean accept();

        @Override
        Integer run() throws IOException {
            if (!sourceIds().contains(source)) {
                System.err.println("source: " + source + " (expected one of: " + String.join(", ", sourceIds()) + ")");
                return 2;
            }
            Optional<String> owner = wrongUser();
            if (owner.isPresent()) {
                System.err.println(state + ": owned by " + owner.get() + ", not " + System.getProperty("user.name")
                        + " (expected: run as the service user, e.g. sudo -u " + owner.get() + " safegate feeds ...)");
                return 2;
            }
            try {
                HeldVersion h = new HeldVersions(state).decide(source, accept(), Optional.ofNullable(hash));
                System.out.println(source + ": " + (accept() ? "accepted" : "rejected") + " " + h.describe());
                System.out.println("a running server applies it within seconds; a stopped one at its next start");
                return 0;
            } catch (HeldVersions.RefusedException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }

        /** The state directory's owner when it is not this user: a decision file the server could not read. */
        private Optional<String> wrongUser() throws IOException {
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return Optional.empty();
            String owner = Files.getOwner(state.root()).getName();
            return owner.equals(System.getProperty("user.name")) ? Optional.empty() : Optional.of(owner);
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Apply a held version.")
    static final class Accept extends Decide {
        @Override
        boolean accept() {
            return true;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Drop a held version; the same file is not held again, the version in force stays.")
    static final class Reject extends Decide {
        @Override
        boolean accept() {
            return false;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Print applied.log: every version applied, held or rejected (time, source, sha256, counts, outcome, reason).")
    static final class History extends StateCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE", description = "only this source")
        String source;

        @Option(names = "--last", paramLabel = "N", defaultValue = "50", description = "the last N records (default: ${DEFAULT-VALUE})")
        int last;

        @Override
        Integer run() throws IOException {
            List<AppliedRecord> records = new HeldVersions(state).history().stream()
                    .filter(r -> source == null || r.source().equals(source)).toList();
            for (AppliedRecord r : records.subList(Math.max(0, records.size() - last), records.size()))
                System.out.println(r.line());
            if (records.isEmpty()) System.out.println("no versions recorded (" + state.appliedLog() + ")");
            return 0;
        }
    }
}
