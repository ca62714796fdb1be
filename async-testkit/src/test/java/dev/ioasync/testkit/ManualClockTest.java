package dev.ioasync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilAdvanced() {
        ManualClock clock = new ManualClock();
        long nanos = clock.nanoTime();
        Instant wall = clock.instant();

        assertThat(clock.nanoTime()).isEqualTo(nanos);
        clock.advance(Duration.ofMillis(1500));

        assertThat(clock.nanoTime() - nanos).isEqualTo(1_500_000_000L);
        assertThat(clock.instant()).isEqualTo(wall.plusMillis(1500));
    }

    @Test
    void zeroIsAllowedAndChangesNothing() {
        ManualClock clock = new ManualClock();
        long nanos = clock.nanoTime();
        clock.advance(Duration.ZERO);
        assertThat(clock.nanoTime()).isEqualTo(nanos);
    }

    @Test
    void timeNeverMovesBack() {
        ManualClock clock = new ManualClock();
        long nanos = clock.nanoTime();
        assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only moves forward");
        assertThat(clock.nanoTime()).isEqualTo(nanos);
    }
}
