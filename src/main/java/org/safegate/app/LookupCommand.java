package org.safegate.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.feeds.FeedMetrics;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.SourceStatus;
import org.safegate.policy.DomainName;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code safegate lookup NAME}: loads the configured lists as the server would and explains the
 * verdict for one name, without starting a server. A confidential source's entry is never shown.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Explain the verdict for a name: which source and entry decide it, and its legal basis.")
final class LookupCommand implements Callable<Integer> {
    @Mixin
    SettingsOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "a domain name, e.g. ads.example")
    String name;

    @Override
    public Integer call() throws Exception {
        String normalized;
        try {
            normalized = DomainName.normalize(name);
        } catch (InvalidNameException e) {
            System.err.println("name: \"" + name + "\": " + e.getMessage());
            return 2;
        }
        Settings settings;
        try {
            settings = config.load();
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        PolicyStore store = new PolicyStore(Policy.empty(0));
        try (PolicyUpdater updater = new PolicyUpdater(settings.sources(), ListParsers::of, store,
                new FeedMetrics(new PrometheusRegistry()), Clock.systemUTC())) {
            updater.start();
            for (SourceStatus status : updater.status()) {
                if (!status.lastError().isEmpty()) System.out.println("source " + status.id() + ": " + status.lastError());
            }
        }
        Policy policy = store.current();
        Verdict verdict = policy.check(normalized);
        System.out.println("name:    " + normalized + (normalized.equals(name) ? "" : " (from \"" + name + "\")"));
        System.out.println("verdict: " + verdict.describe());
        System.out.println("policy:  " + policy.distinctNames() + " names from " + policy.entriesBySource().size()
                + " sources (" + config.describe() + ")");
        return verdict.action() == Verdict.Action.ALLOW ? 0 : 1;
    }
}
