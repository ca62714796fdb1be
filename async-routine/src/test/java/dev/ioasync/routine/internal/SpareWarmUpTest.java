package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A spare's warm-up runs a Function worker's whole path on frames in memory. */
class SpareWarmUpTest {

    @Test
    void theWarmUpRunsTheWorkersPathAndItsCallsAnswer() throws Exception {
        // warm() throws when a round's worker does not answer its 3 calls and return
        assertThat(SpareWarmUp.warm(5, 60_000_000_000L, () -> false)).isEqualTo(5);
    }

    @Test
    void theWarmUpStopsAtItsTimeBudgetAfterOneRound() throws Exception {
        assertThat(SpareWarmUp.warm(1000, 0, () -> false)).isEqualTo(1);
    }

    @Test
    void theWarmUpStopsAfterOneRoundWhenItsJobArrives() throws Exception {
        assertThat(SpareWarmUp.warm(1000, 60_000_000_000L, () -> true)).isEqualTo(1);
    }
}
