package org.safegate.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.safegate.config.ListFormat;
import org.safegate.feeds.ListParsers;
import org.safegate.feeds.ParseError;
import org.safegate.feeds.ParseReport;
import org.safegate.policy.Effect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code safegate check-list --format F FILE}: parses one list and prints its counts and diagnostics. */
@Command(name = "check-list", mixinStandardHelpOptions = true,
        description = "Parse a list file and print its counts and every bad line (file:line: field: reason). "
                + "Exit 1 when the share of bad lines is above --max-error-ratio, as a reload would reject it.")
final class CheckListCommand implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "hosts, domains, adblock, rpz, registry-xml, registry-csv, urls or url-hashes")
    String format;

    @Option(names = "--allow", description = "read plain lines as allow-list exceptions")
    boolean allow;

    @Option(names = "--max-error-ratio", defaultValue = "0.01", description = "default: ${DEFAULT-VALUE}")
    double maxErrorRatio;

    @Option(names = "--max-errors-shown", defaultValue = "50", description = "default: ${DEFAULT-VALUE}")
    int maxShown;

    @Parameters(index = "0", paramLabel = "FILE", description = "the list (a .gz name is decompressed)")
    Path file;

    @Override
    public Integer call() throws IOException {
        ListFormat listFormat;
        try {
            listFormat = ListFormat.valueOf(format.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (listFormat == ListFormat.PUSH) throw new IllegalArgumentException("push has no file");
        } catch (IllegalArgumentException e) {
            System.err.println("--format: \"" + format + "\" (expected: hosts, domains, adblock, rpz, registry-xml, registry-csv, urls, url-hashes or ips; push has no file)");
            return 2;
        }
        ParseReport report;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 65536) : raw) {
            report = ListParsers.of(listFormat, allow ? Effect.ALLOW : Effect.BLOCK).parse(file.toString(), in, false);
        }
        int shown = 0;
        for (ParseError error : report.errors()) {
            if (shown++ >= maxShown) break;
            System.out.println(error);
        }
        if (report.errorCount() > shown) System.out.println("... " + (report.errorCount() - maxShown) + " more bad lines");
        var domains = report.domains();
        var urls = report.urls();
        var addresses = report.addresses();
        System.out.printf(Locale.ROOT, "%s: %d lines, %d rules (%d block, %d allow, %d steer), %d URL rules (%d block, %d allow), "
                        + "%d address rules (%d IPv6), %d bad (%.3f%%), %d unsupported%n",
                file, report.linesRead(), domains.size(), domains.count(Effect.BLOCK), domains.count(Effect.ALLOW),
                domains.count(Effect.STEER), urls.size(), urls.count(Effect.BLOCK), urls.count(Effect.ALLOW),
                addresses.size(), addresses.countIpv6(), report.errorCount(), 100 * report.errorRatio(), report.unsupported());
        if (report.errorRatio() > maxErrorRatio) {
            System.out.printf(Locale.ROOT, "%s: REJECTED: %.3f%% bad lines (limit %.3f%%)%n", file,
                    100 * report.errorRatio(), 100 * maxErrorRatio);
            return 1;
        }
        return 0;
    }
}
