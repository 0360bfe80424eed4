package org.safegate.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The schedule: jittered refreshes, and retries that grow but never outwait the refresh interval. */
class FeedRefresherTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void successWaitsTheRefreshIntervalPlusOrMinusTenPercent() {
        assertThat(FeedRefresher.delay(HOUR, 0, 0)).isEqualTo(Duration.ofMinutes(54));
        assertThat(FeedRefresher.delay(HOUR, 0, 0.5)).isEqualTo(HOUR);
        assertThat(FeedRefresher.delay(HOUR, 0, 0.999999)).isBetween(Duration.ofMinutes(65), Duration.ofMinutes(66));
    }

    @Test
    void retriesDoubleFromFiveSeconds() {
        assertThat(FeedRefresher.delay(HOUR, 1, 0.999999)).isBetween(Duration.ofMillis(4990), Duration.ofSeconds(5));
        assertThat(FeedRefresher.delay(HOUR, 2, 0.999999)).isBetween(Duration.ofMillis(9990), Duration.ofSeconds(10));
        assertThat(FeedRefresher.delay(HOUR, 3, 0)).isEqualTo(Duration.ofSeconds(10));      // 20 s, halved by the jitter
    }

    @Property
    void retryNeverOutwaitsTheRefreshInterval(@ForAll @LongRange(min = 1, max = 604_800) long refreshSeconds,
                                              @ForAll @IntRange(min = 1, max = 10_000) int failures,
                                              @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        Duration refresh = Duration.ofSeconds(refreshSeconds);
        Duration delay = FeedRefresher.delay(refresh, failures, random);
        assertThat(delay).isLessThanOrEqualTo(refresh).isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
