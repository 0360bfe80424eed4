package org.safegate.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SettingsLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code safegate check-config FILE}: validates a config file without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a config file: print the effective settings, or every problem with file:line and key. Exit 1 on problems.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the config file to check")
    Path file;

    @Override
    public Integer call() {
        try {
            Settings settings = SettingsLoader.load(file);
            List<String> templateProblems = ProxyWiring.templateProblems(settings.proxy());
            if (!templateProblems.isEmpty()) {
                templateProblems.forEach(System.err::println);
                System.err.println(file + ": " + templateProblems.size() + " problem(s)");
                return 1;
            }
            System.out.println(file + ": OK");
            System.out.println(SettingsLoader.describe(settings));
            return 0;
        } catch (SettingsException e) {
            e.problems().forEach(System.err::println);
            System.err.println(file + ": " + e.problems().size() + " problem(s)");
            return 1;
        }
    }
}
