package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FeedMetricsTest {
    @Test
    void namesAndLabelsFollowThePrometheusConventions() {
        PrometheusRegistry registry = new PrometheusRegistry();
        FeedMetrics metrics = new FeedMetrics(registry);
        metrics.sourceConfigured("ads");
        metrics.linesRead("ads", 3, 1);
        metrics.accepted("ads", 10, Instant.ofEpochSecond(1_700_000_000));
        metrics.rejected("ads", LoadResult.Rejected.Reason.TOO_MANY_ERRORS);
        metrics.published(7, 10, 2_000_000);

        String text = PrometheusTextFormatWriter.create().toDebugString(registry.scrape());

        Set<String> labelNames = new TreeSet<>();
        Set<String> sourceValues = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts[2]).startsWith("safegate_");
                if (parts[3].equals("counter")) assertThat(parts[2]).as("a counter's name").endsWith("_total");
                if (parts[2].contains("duration") || parts[2].contains("timestamp")) assertThat(parts[2]).endsWith("_seconds");
            } else if (!line.startsWith("#") && !line.isBlank()) {
                Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(line);
                while (label.find()) {
                    labelNames.add(label.group(1));
                    if (label.group(1).equals("source")) sourceValues.add(label.group(2));
                }
            }
        }
        // No label can carry a listed name or a URL: only these, with values from the config or code
        assertThat(labelNames).isSubsetOf("source", "reason", "result", "le");
        assertThat(sourceValues).containsExactly("ads");
        assertThat(text).contains("safegate_source_rejected_total{reason=\"too_many_errors\",source=\"ads\"} 1",
                "safegate_source_rejected_total{reason=\"unreadable\",source=\"ads\"} 0",
                "safegate_source_last_success_timestamp_seconds{source=\"ads\"} 1.7E9",
                "safegate_policy_version 7");
    }
}
