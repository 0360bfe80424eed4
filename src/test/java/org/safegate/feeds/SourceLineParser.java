package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.DomainName;
import org.safegate.policy.Effect;
import org.safegate.policy.InvalidNameException;
import org.safegate.policy.Scope;

/**
 * A real parser of the simplest format, one name per line blocking its subtree ({@code #} comments,
 * {@code !} lines valid but unsupported), so the loading and reloading tests need neither the real
 * parsers nor a mock. Like them, it quotes a bad line in its error unless the source is confidential.
 */
final class SourceLineParser implements ListParser {
    private final Effect effect;

    SourceLineParser(Effect effect) {
        this.effect = effect;
    }

    /** The same parser for every format: the tests are about loading, not formats. */
    static BiFunction<ListFormat, Effect, ListParser> parsers() {
        return (format, effect) -> new SourceLineParser(effect);
    }

    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
        DomainList.Builder domains = new DomainList.Builder();
        List<ParseError> errors = new ArrayList<>();
        long errorCount = 0;
        long unsupported = 0;
        long lines = 0;
        long ruleLines = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) continue;
            ruleLines++;
            if (text.startsWith("!")) {
                unsupported++;
                continue;
            }
            try {
                domains.add(DomainName.normalize(text), Scope.SUBTREE, effect);
            } catch (InvalidNameException e) {
                errorCount++;
                String reason = confidential ? "not a domain name" : "\"" + text + "\": " + e.getMessage();
                if (errors.size() < ParseReport.MAX_KEPT_ERRORS) errors.add(new ParseError(sourceName, lines, "name", reason));
            }
        }
        return new ParseReport(domains.build(), errors, errorCount, unsupported, lines, ruleLines);
    }
}
