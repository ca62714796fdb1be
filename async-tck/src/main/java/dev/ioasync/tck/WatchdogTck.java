package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.observe.BlockedLoopTrace;
import dev.ioasync.timer.Countdown;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocked-loop watchdog: a callback that holds a loop past its threshold is logged with the
 * loop thread's stack and the notifier in charge, and again once the loop is back.
 */
public abstract class WatchdogTck extends AbstractLoopTck {

    /** Creates the suite. */
    protected WatchdogTck() {
    }

    private static final Logger WATCHDOG_LOG = Logger.getLogger("dev.ioasync.observe.Watchdog");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    /** Counted down by the first WARNING: a blocking callback holds on until the watchdog spoke (bounded). */
    private final CountDownLatch warned = new CountDownLatch(1);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
            if (r.getLevel() == Level.WARNING) {
                warned.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWatchdogLog() {
        WATCHDOG_LOG.addHandler(capture);
    }

    @AfterEach
    void releaseWatchdogLog() {
        WATCHDOG_LOG.removeHandler(capture);
    }

    private List<LogRecord> recordsAbout(String loopName) {
        return records.stream().filter(r -> r.getMessage() != null && r.getMessage().contains("loop " + loopName + " "))
                .toList();
    }

    private Loop watched(String name, Duration threshold) {
        return Loop.builder().provider(provider()).errorHandler(collector()).name(name).watchdog(threshold).build();
    }

    /**
     * A timer callback blocking 300 ms against a 100 ms threshold: one WARNING naming the loop and
     * the notifier, with the loop thread's stack at the blocking call; then an INFO once it is back.
     */
    @Test
    public void warnsOfACallbackThatBlocksTheLoop() {
        String name = "watchdog-" + provider().name() + "-" + System.nanoTime();
        try (Loop l = watched(name, Duration.ofMillis(100))) {
            boolean[] done = new boolean[1];
            Countdown sleepy = new Countdown(Duration.ZERO, () -> {
                holdTheLoop(Duration.ofMillis(300));
                awaitWarning();
                done[0] = true;
            });
            sleepy.name("sleepy");
            l.add(sleepy);
            sleepy.start();
            runUntil(l, () -> done[0], "the blocking callback");
            runUntil(l, () -> recordsAbout(name).stream().anyMatch(r -> r.getLevel() == Level.INFO),
                    "the watchdog to see the loop back");
            List<LogRecord> mine = recordsAbout(name);
            LogRecord warning = mine.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow();
            assertThat(warning.getMessage()).contains("blocked").contains("Countdown[sleepy]").contains("threshold 100 ms");
            assertThat(warning.getThrown()).isInstanceOf(BlockedLoopTrace.class);
            assertThat(Arrays.stream(warning.getThrown().getStackTrace()).map(StackTraceElement::getMethodName))
                    .contains("holdTheLoop");
            LogRecord back = mine.stream().filter(r -> r.getLevel() == Level.INFO).findFirst().orElseThrow();
            assertThat(back.getMessage()).contains("running again");
            List<LogRecord> warnings = mine.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
            assertThat(warnings.get(0).getMessage()).doesNotContain("still blocked");
            assertThat(warnings.subList(1, warnings.size())).allSatisfy(r -> assertThat(r.getMessage())
                    .contains("still blocked")); // again each time the block doubled
            assertThat(l.metrics().callbacksBlocked()).isEqualTo(1);
        }
    }

    /** A quick callback is never reported (a threshold no descheduling of a loaded machine reaches). */
    @Test
    public void quietForQuickCallbacks() {
        String name = "watchdog-quick-" + provider().name() + "-" + System.nanoTime();
        try (Loop l = watched(name, Duration.ofSeconds(2))) {
            int[] ran = new int[1];
            for (int i = 0; i < 100; i++) {
                l.later(() -> ran[0]++);
            }
            runUntil(l, () -> ran[0] == 100, "100 quick callbacks");
            assertThat(recordsAbout(name)).isEmpty();
            assertThat(l.metrics().callbacksBlocked()).isZero();
        }
    }

    /** Threshold zero turns the watchdog off for that loop. */
    @Test
    public void zeroTurnsTheWatchdogOff() {
        String name = "watchdog-off-" + provider().name() + "-" + System.nanoTime();
        String control = "watchdog-on-" + provider().name() + "-" + System.nanoTime();
        try (Loop off = watched(name, Duration.ZERO); Loop on = watched(control, Duration.ofMillis(50))) {
            assertThat(off.observer().watchdogWarn()).isZero();
            boolean[] done = new boolean[1];
            off.later(() -> {
                holdTheLoop(Duration.ofMillis(200));
                done[0] = true;
            });
            runUntil(off, () -> done[0], "the blocking callback");
            // the same block on a watched loop is seen, so the silence above is the switch's doing
            boolean[] done2 = new boolean[1];
            on.later(() -> {
                holdTheLoop(Duration.ofMillis(200));
                awaitWarning();
                done2[0] = true;
            });
            runUntil(on, () -> done2[0], "the blocking callback");
            runUntil(on, () -> !recordsAbout(control).isEmpty(), "a warning about the watched loop");
            assertThat(recordsAbout(name)).isEmpty();
        }
    }

    /** Holds the loop until the watchdog warned, at most {@link #WAIT} (a loaded machine may run it late). */
    private void awaitWarning() {
        try {
            if (!warned.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the watchdog never warned within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks the calling thread (stands for a careless callback; not a synchronisation).
     *
     * @param d how long
     */
    static void holdTheLoop(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
