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
import org.safegate.policy.CanonicalUrl;
import org.safegate.policy.DomainName;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.InvalidUrlException;
import org.safegate.policy.Policy;
import org.safegate.policy.PolicyStore;
import org.safegate.policy.UrlCanonicalizer;
import org.safegate.policy.UrlMatcher;
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
        return isUrl(target) ? lookupUrl() : lookupName();
    }

    /** A scheme, or a path: a domain name never has a '/'. */
    static boolean isUrl(String text) {
        return text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8)
                || text.indexOf('/') >= 0;
    }

    private int lookupName() {
        String normalized;
        try {
            normalized = DomainName.normalize(target);
        } catch (InvalidNameException e) {
            System.err.println("name: \"" + target + "\": " + e.getMessage());
            return 2;
        }
        Policy policy = loadPolicy();
        if (policy == null) return 2;
        Verdict verdict = policy.check(normalized);
        System.out.println("name:    " + normalized + (normalized.equals(target) ? "" : " (from \"" + target + "\")"));
        return printVerdict(verdict, policy);
    }

    private int lookupUrl() {
        CanonicalUrl url;
        try {
            url = UrlCanonicalizer.canonicalize(target);
        } catch (InvalidUrlException e) {
            System.err.println("url: \"" + target + "\": " + e.getMessage());
            return 2;
        }
        Policy policy = loadPolicy();
        if (policy == null) return 2;
        // Checked before printing; the list is derived from the URL given, and marks nothing: which
        // expression matched would reveal a confidential entry (the verdict omits it too)
        Verdict verdict = policy.checkUrl(url);
        String canonical = url.toString();
        System.out.println("url:     " + canonical + (canonical.equals(target) ? "" : " (from \"" + target + "\")"));
        List<String> checked = UrlMatcher.probedExpressions(url);
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
