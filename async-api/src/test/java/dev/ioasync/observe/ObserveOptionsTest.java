package dev.ioasync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObserveOptionsTest {

    @Test
    void readsDurationsWithUnits() {
        assertThat(ObserveOptions.parseDuration("2s", "p")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ObserveOptions.parseDuration("100ms", "p")).isEqualTo(Duration.ofMillis(100));
        assertThat(ObserveOptions.parseDuration(" 500us ", "p")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(ObserveOptions.parseDuration("1m", "p")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ObserveOptions.parseDuration("0", "p")).isZero();
    }

    @Test
    void refusesWhatItCannotReadNamingTheProperty() {
        for (String bad : new String[] {"fast", "10", "-1s", "5h", "", "ms"}) {
            assertThatThrownBy(() -> ObserveOptions.parseDuration(bad, ObserveOptions.WATCHDOG_PROPERTY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ioasync.watchdog.warn").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void refusesANegativeThreshold() {
        assertThatThrownBy(() -> new ObserveOptions(null, Duration.ofMillis(-1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void histogramPercentilesAreBucketBoundsCappedAtTheMax() {
        Log2Histogram h = new Log2Histogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i);
        }
        HistogramSnapshot s = h.snapshot();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.p50()).isBetween(50L, 100L); // the 50th value lies in [32, 64): bound 63
        assertThat(s.p50()).isEqualTo(63);
        assertThat(s.p99()).isEqualTo(100); // bucket [64, 128) capped at the max
        assertThat(s.percentile(0)).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(HistogramSnapshot.EMPTY.p99()).isZero();
        assertThatThrownBy(() -> s.percentile(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }
}
