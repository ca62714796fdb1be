package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduler accounts per run of switches, not per switch (one observed callback per run, the
 * switch count in a plain field): the counts are still exact after a run, and the watchdog still
 * tells a run of coros that switch (progress) from one coro that holds the thread (the hog test of
 * {@link CoroObserveTest}).
 */
@Timeout(60)
class CoroRunAccountingTest {

    private Loop loop;
    private CoroScheduler sched;

    private void open(Loop l) {
        loop = l;
        sched = CoroScheduler.of(loop);
    }

    @AfterEach
    void close() {
        if (loop != null) {
            try {
                Coro.killall();
            } finally {
                loop.close();
            }
        }
    }

    @Test
    void switchCountIsExactAfterARunOfCedes() {
        open(Loop.create("select"));
        int n = 1000;
        Runnable body = () -> {
            for (int i = 0; i < n; i++) {
                Coro.cede();
            }
        };
        long before = sched.metrics().switches();
        Coro a = Coro.async(body);
        Coro b = Coro.async(body);
        a.join();
        b.join();
        // each coro is resumed once to start and once after each of its cedes, all in one run
        assertThat(sched.metrics().switches() - before).isEqualTo(2L * (n + 1));
        assertThat(sched.metrics().alive()).isZero();
    }

    @Test
    void switchCountIsExactAfterRunsThatReturnToMain() {
        open(Loop.create("select"));
        int n = 500;
        Semaphore ping = new Semaphore(0);
        Semaphore pong = new Semaphore(0);
        long before = sched.metrics().switches();
        Coro c = Coro.async(() -> {
            for (int i = 0; i < n; i++) {
                ping.down();
                pong.up();
            }
        });
        for (int i = 0; i < n; i++) {
            ping.up();
            pong.down(); // one run of one switch: the coro, then back to main
        }
        c.join();
        assertThat(sched.metrics().switches() - before).isEqualTo(n);
    }

    @Test
    void aRunOfSwitchingCorosIsNotTakenForABlockedLoop() {
        String name = "coro-run-" + System.nanoTime();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING && r.getMessage() != null && r.getMessage().contains("loop " + name + " ")) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger("dev.ioasync.observe.Watchdog");
        jul.addHandler(h);
        try {
            // a threshold no descheduling of a loaded machine reaches, and a run three times as long
            open(Loop.builder().backend("select").name(name).watchdog(Duration.ofSeconds(1)).build());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            Runnable body = () -> {
                while (System.nanoTime() < end) {
                    Coro.cede();
                }
            };
            long before = sched.metrics().switches();
            Coro a = Coro.async(body);
            Coro b = Coro.async(body);
            a.join(); // one scheduler run of many switches, three seconds long
            b.join();
            assertThat(sched.metrics().switches() - before).isGreaterThan(2);
            assertThat(warnings).as("watchdog warnings during a run of switching coros").isEmpty();
        } finally {
            jul.removeHandler(h);
        }
    }
}
