package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.safegate.testing.SharedData;
import org.safegate.config.ListFormat;
import org.safegate.policy.DomainList;
import org.safegate.policy.Effect;
import org.safegate.policy.RuleAnswer;
import org.safegate.policy.RuleDetail;
import org.safegate.policy.Scope;

/**
 * Parses the real public lists of {@code shared/data/} (beside the repository; its README gives
 * provenance and the counts quoted below) and pins the exact result. Where our count differs from the
 * README's, the comment says why.
 *
 * <p>The directory is found at {@code -Dsafegate.sharedData}, else as {@code shared/data} beside the
 * repository or beside one of its parents (a git worktree sits one level deeper). Absent, the tests are
 * skipped, or fail under {@code -Dsafegate.requireTools=true}, as CI runs them.
 */
class RealListsTest {
    @Test
    void stevenBlackHosts() throws IOException {
        ParseReport report = parse(ListFormat.HOSTS, "hosts/stevenblack-unified-hosts-2022-05-05.txt.gz");
        // README: 113,512 host lines; 14 of them are not rules and not errors: the 13 localhost-type
        // lines of the preamble and "0.0.0.0 0.0.0.0". That leaves the header's 113,498 unique names.
        assertCounts(report, 113_498, 0, 0, 113_498, 120_274);
        // Underscores and edge hyphens are accepted (DomainName: real DNS has them; a list naming them means them)
        Set<String> names = names(report.domains());
        assertThat(names).contains("___id___.c.mystat-in.net", "philadelphia_cbslocal.us.intellitxt.com",
                "cgi-trial-.net.zooplus.fr", "pay.-zoonet.net.zooplus.fr", "xvtelink.com");
        assertThat(names).doesNotContain("localhost", "local", "broadcasthost", "0.0.0.0", "ip6-allnodes");
        assertThat(scopes(report.domains())).containsOnly(Scope.EXACT);
    }

    @Test
    void hageziDomains() throws IOException {
        ParseReport report = parse(ListFormat.DOMAINS, "domains/hagezi-multi-normal-onlydomains-2024-01-09.txt.gz");
        // 165,907 names, as the README counts (the header's 165,908 is one too many). 165,917 lines: the
        // names and 10 comment lines; the README's "1 blank line" is the comment line "#" alone.
        assertCounts(report, 165_907, 0, 0, 165_907, 165_917);
        assertThat(scopes(report.domains())).containsOnly(Scope.SUBTREE);
        assertThat(report.domains().count(Effect.BLOCK)).isEqualTo(165_907);
    }

    @Test
    void adguardDnsFilter() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "adblock/adguard-dns-filter-no-privacy-2026-08-21.txt.gz");
        // README: 71,101 rules = our rule lines. Of these, 325 are unsupported: 170 with a '*' wildcard, 67 on IP
        // addresses, 53 ending in '.' (any TLD, such as ||rgfftupf.), 20 regular expressions, 11 substring patterns
        // (-ad123-) and 4 with a scheme or path (://o0e.ru^). 5 are $badfilter rules, which add nothing and cancel
        // one rule (||linksprf.com^). 71,101 - 325 - 5 - 1 = 70,770 rules. Of the 206 @@ exceptions, 194 apply;
        // 10 have a wildcard, 1 is a regex, 1 a substring. 72,202 lines: 72,201 newlines, a last line without.
        assertCounts(report, 70_770, 0, 325, 71_101, 72_202);
        assertThat(report.domains().count(Effect.ALLOW)).isEqualTo(194);
        assertThat(names(report.domains())).doesNotContain("linksprf.com").contains("upbeatbut.com", "exaapi.com");
    }

    @Test
    void easyList() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "adblock/easylist-ubo-1.67.0.txt.gz");
        // A browser list, mostly unsupported: of README's 76,259 rules only the 42,270 that block a whole host
        // (||name^ with no option, no path, no wildcard, not ending in '.' and not an IP) apply to DNS. Its
        // 23,807 cosmetic rules, paths, regexes and $options (third-party, domain=, popup...) are the 33,989
        // unsupported. None is an error: no rule that looks like a host rule carries a bad name.
        assertCounts(report, 42_270, 0, 33_989, 76_259, 76_536);
        assertThat(report.domains().count(Effect.ALLOW)).isZero();
    }

    @Test
    void urlhausFilter() throws IOException {
        ParseReport report = parse(ListFormat.ADBLOCK, "adblock/urlhaus-filter-online-ubo-1.67.0.txt");
        // README: 6,254 rules. 602 apply: 601 bare host names and ||wegrowcoaching.com^$all. (The README's
        // 599 bare names and 2,309 IPs count 178.248.3.202.ll.sta.mana.pf and its neighbour as IPs; they are
        // names.) Unsupported: the 2,307 bare IPs, and the README's 3,346 ||...^$all rules but the one above,
        // all with a path.
        assertCounts(report, 602, 0, 5_652, 6_254, 6_260);
        assertThat(scopes(report.domains())).contains(Scope.EXACT, Scope.SUBTREE);
    }

    @Test
    void hageziRpz() throws IOException {
        ParseReport report = parse(ListFormat.RPZ, "rpz/hagezi-light-2024-01-10.rpz.gz");
        // README: 136,952 CNAME . records, 68,476 owners each with its *. twin: one rule per record. The SOA and
        // NS at the apex are not rules. 136,966 lines: 11 comments, $TTL, SOA, NS and the records.
        assertCounts(report, 136_952, 0, 0, 136_952, 136_966);
        DomainList list = report.domains();
        int below = 0;
        Set<RuleDetail> details = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.scope(i) == Scope.BELOW) below++;
            details.add(list.detail(i));
        }
        assertThat(below).isEqualTo(68_476);
        assertThat(details).containsExactly(RuleDetail.answer(RuleAnswer.NXDOMAIN));
    }

    private static void assertCounts(ParseReport report, int rules, long errors, long unsupported, long ruleLines,
                                     long lines) {
        assertThat(report.errors()).as("errors kept").hasSize((int) Math.min(errors, ParseReport.MAX_KEPT_ERRORS));
        assertThat(report.domains().size()).as("rules").isEqualTo(rules);
        assertThat(report.errorCount()).as("errors").isEqualTo(errors);
        assertThat(report.unsupported()).as("unsupported").isEqualTo(unsupported);
        assertThat(report.ruleLines()).as("rule lines").isEqualTo(ruleLines);
        assertThat(report.linesRead()).as("lines").isEqualTo(lines);
    }

    private static Set<String> names(DomainList list) {
        Set<String> names = new HashSet<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) names.add(list.name(i));
        return names;
    }

    private static Set<Scope> scopes(DomainList list) {
        Set<Scope> scopes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) scopes.add(list.scope(i));
        return scopes;
    }

    private static ParseReport parse(ListFormat format, String file) throws IOException {
        Path path = SharedData.directory().resolve(file);
        assertThat(path).as("a list the README names").isRegularFile();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return ListParsers.of(format).parse(file, in, false);
        }
    }
}
