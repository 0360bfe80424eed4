package org.safegate.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code safegate} command. {@code run} is the default, so {@code java -jar safegate.jar}
 * starts the resolver on the embedded defaults.
 */
@Command(name = "safegate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Filtering DNS resolver and HTTP filtering proxy.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, CheckListCommand.class, LookupCommand.class,
                FeedsCommand.class, AuditCommand.class, TokenCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; {@code run} when no subcommand is given. */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length == 0 || args[0].startsWith("--config") || args[0].equals("-c")) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            return cli.execute(withRun);
        }
        return cli.execute(args);
    }

    @Override
    public void run() {
        // only reached with no subcommand, which execute() maps to "run"
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required");
    }
}
