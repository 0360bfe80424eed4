package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safegate.testing.FakeAuthServer;

/**
 * The monitoring examples in {@code conf/} against a live node: every {@code safegate_*} name the
 * Prometheus rules and the Grafana dashboard use must be one the node's {@code /metrics} really
 * exposes, so a renamed metric cannot leave an alert silently never firing. Both files are also
 * checked for shape: the rules with a small reader of the few YAML forms they use (no YAML library
 * in the build), the dashboard as strict JSON.
 */
class MonitoringFilesIT {
    private static final Path RULES = Path.of("conf/prometheus-alerts.yml");
    private static final Path DASHBOARD = Path.of("conf/grafana-dashboard.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\bsafegate_[a-z0-9_]+");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsExposedByALiveNode() throws Exception {
        Files.writeString(dir.resolve("list.txt"), "blocked.test\n", UTF_8);
        Set<String> exposed;
        try (FakeAuthServer upstream = FakeAuthServer.start();
             // a file source and a fetched one: each kind exposes its own series
             TestNode node = TestNode.start(dir, upstream.address(), "sources { list { format = domains, path = \"list.txt\" }, "
                     + "fetched { format = domains, url = \"" + dir.resolve("list.txt").toUri() + "\" } }")) {
            exposed = exposedNames(node.admin("/metrics").body());
        }
        assertThat(exposed).contains("safegate_policy_version", "safegate_dns_query_duration_seconds_bucket");
        Set<String> used = new TreeSet<>();
        used.addAll(namesIn(Files.readString(RULES, UTF_8)));
        used.addAll(namesIn(Files.readString(DASHBOARD, UTF_8)));
        assertThat(used).hasSizeGreaterThan(15);
        assertThat(exposed).as("metric names in %s and %s", RULES, DASHBOARD).containsAll(used);
    }

    @Test
    void everyAlertRuleHasAnExpressionASeverityAndASummary() throws Exception {
        List<Map<String, String>> rules = rules(Files.readString(RULES, UTF_8));
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        Set<String> names = new HashSet<>();
        for (Map<String, String> rule : rules) {
            String alert = rule.get("alert");
            assertThat(names.add(alert)).as("alert %s given twice", alert).isTrue();
            assertThat(alert).matches("Safegate[A-Z][A-Za-z]+");
            assertThat(rule.get("expr")).as("%s: expr", alert).isNotBlank();
            assertThat(balanced(rule.get("expr"))).as("%s: brackets in %s", alert, rule.get("expr")).isTrue();
            assertThat(rule.get("severity")).as("%s: labels.severity", alert).isIn("warning", "critical");
            assertThat(rule.get("summary")).as("%s: annotations.summary", alert).isNotBlank();
        }
    }

    @Test
    void theDashboardIsJsonWhosePanelsEachHaveAQuery() throws Exception {
        Config dashboard = ConfigFactory.parseString(Files.readString(DASHBOARD, UTF_8),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        assertThat(dashboard.getString("uid")).isEqualTo("safegate-overview");
        List<? extends Config> panels = dashboard.getConfigList("panels");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        Set<Integer> ids = new HashSet<>();
        for (Config panel : panels) {
            assertThat(ids.add(panel.getInt("id"))).as("panel id %s given twice", panel.getInt("id")).isTrue();
            assertThat(panel.getInt("gridPos.w")).isBetween(1, 24);
            List<? extends Config> targets = panel.getConfigList("targets");
            assertThat(targets).as("panel %s", panel.getString("title")).isNotEmpty();
            for (Config target : targets) assertThat(balanced(target.getString("expr"))).as(target.getString("expr")).isTrue();
        }
    }

    /** The metric names of the exposition's sample lines (not of its comments). */
    private static Set<String> exposedNames(String exposition) {
        Set<String> names = new HashSet<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static Set<String> namesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC_NAME.matcher(text);
        while (m.find()) names.add(m.group());
        return names;
    }

    /**
     * The rules file's rules, each as alert, expr, severity and summary; enough YAML for the forms
     * the file uses: {@code key: value} lines, {@code - alert:} items and {@code expr: |} blocks.
     */
    static List<Map<String, String>> rules(String yaml) {
        assertThat(yaml).doesNotContain("\t");
        List<Map<String, String>> rules = new ArrayList<>();
        Map<String, String> rule = null;
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            if (trimmed.startsWith("- alert:")) {
                rule = new LinkedHashMap<>();
                rules.add(rule);
                rule.put("alert", trimmed.substring("- alert:".length()).strip());
            } else if (rule != null && trimmed.startsWith("expr:")) {
                String value = trimmed.substring("expr:".length()).strip();
                if (value.equals("|")) {
                    int indent = indent(line);
                    StringBuilder block = new StringBuilder();
                    while (i + 1 < lines.length && (lines[i + 1].isBlank() || indent(lines[i + 1]) > indent)) block.append(lines[++i].strip()).append('\n');
                    value = block.toString().strip();
                }
                rule.put("expr", value);
            } else if (rule != null && (trimmed.startsWith("severity:") || trimmed.startsWith("summary:"))) {
                int colon = trimmed.indexOf(':');
                rule.put(trimmed.substring(0, colon), unquote(trimmed.substring(colon + 1).strip()));
            }
        }
        return rules;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return n;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** Round, square and curly brackets open and close in order (outside double-quoted strings). */
    static boolean balanced(String expr) {
        StringBuilder open = new StringBuilder();
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (quoted || c == '"') continue;
            if ("([{".indexOf(c) >= 0) open.append(c);
            int close = ")]}".indexOf(c);
            if (close >= 0) {
                if (open.isEmpty() || open.charAt(open.length() - 1) != "([{".charAt(close)) return false;
                open.setLength(open.length() - 1);
            }
        }
        return open.isEmpty() && !quoted;
    }
}
