package org.safegate.app;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code safegate run [--config FILE]}: starts the resolver and serves until stopped (SIGTERM, Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the resolver (the default command).")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    SettingsOption config;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = config.load();
        } catch (SettingsException e) {
            log.error("event=bad_config config={} problems={}\n{}", config.describe(), e.problems().size(), e.getMessage());
            return 2;
        }
        List<String> templateProblems = ProxyWiring.templateProblems(settings.proxy());
        if (!templateProblems.isEmpty()) {
            log.error("event=bad_config config={} problems={}\n{}", config.describe(), templateProblems.size(),
                    String.join("\n", templateProblems));
            return 2;
        }
        log.info("event=starting version={} config={}\n{}", Version.current(), config.describe(), SettingsLoader.describe(settings));
        Node node;
        try {
            node = Node.start(settings);
        } catch (Exception e) {
            log.error("event=start_failed error=\"{}\"", e.getMessage(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("event=stopping");
            node.close();
            log.info("event=stopped");
            stopped.countDown();
        }, "safegate-shutdown"));
        stopped.await();
        return 0;
    }
}
