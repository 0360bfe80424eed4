package org.safegate.app;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.config.SettingsLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code safegate run [--config FILE]}: starts the resolver and serves until stopped. SIGHUP
 * re-reads the config and lists ({@link Node#reloadFromSource}); SIGTERM and SIGINT stop gracefully
 * ({@link Node#close()}) and exit 0. See {@link Signals}.
 */
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
            node = Node.start(settings, config);
        } catch (Exception e) {
            log.error("event=start_failed error=\"{}\"", e.getMessage(), e);
            return 1;
        }
        // Any other way out (System.exit, a signal we could not take over) still closes the node; idempotent
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "safegate-shutdown"));
        CountDownLatch stop = new CountDownLatch(1);
        ThreadPoolExecutor reloads = reloadThread();
        Signals.on("HUP", () -> reloads.execute(node::reloadFromSource));
        Signals.on("TERM", stop::countDown);
        Signals.on("INT", stop::countDown);
        stop.await();
        reloads.shutdownNow();
        node.close();
        return 0;
    }

    /**
     * One thread; a reload running and at most one waiting: HUPs that arrive meanwhile are folded
     * into the waiting one, which reads the files after all of them.
     */
    private static ThreadPoolExecutor reloadThread() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "safegate-reload");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }
}
