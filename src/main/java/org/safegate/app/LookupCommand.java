package org.safegate.app;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.safegate.config.Settings;
import org.safegate.config.SettingsException;
import org.safegate.feeds.FeedMetrics;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.PolicyUpdater;
import org.safegate.feeds.SourceStatus;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.LookupTarget;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code safegate lookup NAME|URL}: loads the configured lists as the server would and explains the
 * verdict for one name or URL, without starting a server. A confidential source's entry is never
 * shown: for a URL, not which of the checked expressions matched either.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "Explain the verdict for a name or a URL: which source and entry decide it, and its legal basis.")
final class LookupCommand implements Callable<Integer> {
    private static final String INDENT = "         ";

    @Mixin
    SettingsOption config;

    @Parameters(index = "0", paramLabel = "NAME|URL",
            description = "a domain name (ads.example), or a URL: with http:// or https://, or with a '/' (films.example/download/1)")
    String target;

    @Override
    public Integer call() throws Exception {
        LookupTarget lookup;
        try {
            lookup = LookupTarget.parse(target);
        } catch (InvalidNameException | InvalidUrlException e) {
            System.err.println((LookupTarget.looksLikeUrl(target) ? "url" : "name") + ": \"" + target + "\": " + e.getMessage());
            return 2;
        }
        Policy policy = loadPolicy();
        if (policy == null) return 2;
        Verdict verdict = lookup.check(policy);
        String canonical = lookup.canonical();
        String label = lookup.isUrl() ? "url:     " : "name:    ";
        System.out.println(label + canonical + (canonical.equals(target) ? "" : " (from \"" + target + "\")"));
        List<String> checked = lookup.probedExpressions();
        for (int i = 0; i < checked.size(); i++) System.out.println((i == 0 ? "checked: " : INDENT) + checked.get(i));
        return printVerdict(verdict, policy);
    }

    /** Loads every source as a start would; null (after printing why) when the settings are wrong. */
    private Policy loadPolicy() {
        Settings settings;
        try {
            settings = config.load();
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            return null;
        }
        PolicyStore store = new PolicyStore(Policy.empty(0));
        try (PolicyUpdater updater = new PolicyUpdater(settings.sources(), ListParsers::of, store,
                new FeedMetrics(new PrometheusRegistry()), Clock.systemUTC())) {
            updater.start();
            for (SourceStatus status : updater.status()) {
                if (!status.lastError().isEmpty()) System.out.println("source " + status.id() + ": " + status.lastError());
            }
        }
        return store.current();
    }

    private int printVerdict(Verdict verdict, Policy policy) {
        System.out.println("verdict: " + verdict.describe());
        System.out.println("policy:  " + policy.distinctNames() + " names from " + policy.entriesBySource().size()
                + " sources (" + config.describe() + ")");
        return verdict.action() == Verdict.Action.ALLOW ? 0 : 1;
    }
}
