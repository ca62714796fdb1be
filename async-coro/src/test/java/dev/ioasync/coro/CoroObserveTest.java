package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.observe.LoopJmx;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Coro under observation: metrics, stuck coros, the watchdog naming a hogging coro, JFR deadlocks, the MBean listing. */
@Timeout(30)
class CoroObserveTest {

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
                sched.onDeadlock(null);
                Coro.killall();
            } finally {
                loop.close();
            }
        }
    }

    @Test
    void countsAliveReadyBlockedAndSwitches() {
        open(Loop.create("select"));
        Semaphore gate = new Semaphore(0);
        Coro waiter = Coro.async(gate::down);
        Coro ceder = Coro.async(() -> {
            Coro.cede();
            Coro.cede();
        });
        CoroMetrics before = sched.metrics();
        assertThat(before.alive()).isEqualTo(2);
        assertThat(before.ready()).isEqualTo(2);
        ceder.join();
        CoroMetrics after = sched.metrics();
        assertThat(after.alive()).isEqualTo(1);
        assertThat(after.blocked()).isEqualTo(1);
        assertThat(after.ready()).isZero();
        assertThat(after.switches() - before.switches()).as("each coro was resumed at least once").isGreaterThanOrEqualTo(2);
        gate.up();
        waiter.join();
        assertThat(sched.metrics().alive()).isZero();
    }

    @Test
    void reportsCorosBlockedLongerThanAThreshold() {
        open(Loop.create("select"));
        Semaphore never = new Semaphore(0);
        Coro stuck = Coro.async(never::down);
        stuck.desc("stuck-on-never");
        Coro.cede(); // it runs and blocks
        Coro.await(loop.delay(Duration.ofMillis(60)));
        List<StuckCoro> report = sched.stuck(Duration.ofMillis(40));
        assertThat(report).hasSize(1);
        assertThat(report.get(0).info().desc()).isEqualTo("stuck-on-never");
        assertThat(report.get(0).info().waitingOn()).isNotNull();
        assertThat(report.get(0).blockedFor()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(sched.stuck(Duration.ofHours(1))).isEmpty();
    }

    @Test
    void watchdogNamesTheCoroThatHogsTheLoop() {
        String name = "coro-hog-" + System.nanoTime();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        CountDownLatch warned = new CountDownLatch(1);
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().contains("loop " + name + " ")) {
                    records.add(r);
                    if (r.getLevel() == Level.WARNING) {
                        warned.countDown();
                    }
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
            open(Loop.builder().backend("select").name(name).watchdog(Duration.ofMillis(100)).build());
            Coro hog = Coro.async(() -> {
                try {
                    Thread.sleep(300); // a coro that never cedes (the load under test, not a synchronisation)
                    warned.await(10, TimeUnit.SECONDS); // holds on until the watchdog spoke, on a loaded machine
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            hog.desc("hog");
            hog.join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.stream().noneMatch(r -> r.getLevel() == Level.INFO) && System.nanoTime() < deadline) {
                loop.loopOnce(Duration.ofMillis(20));
            }
            LogRecord warning = records.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().orElseThrow();
            assertThat(warning.getMessage()).contains("Coro#").contains("(hog)");
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void deadlocksAreCountedAndRecorded() throws Exception {
        open(Loop.create("select"));
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (RecordingStream rs = new RecordingStream()) {
            rs.enable("dev.ioasync.CoroDeadlock");
            rs.onEvent("dev.ioasync.CoroDeadlock", events::add);
            CountDownLatch flushed = new CountDownLatch(1);
            rs.onFlush(flushed::countDown);
            rs.startAsync();
            assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
            Semaphore never = new Semaphore(0);
            Coro stuck = Coro.async(never::down);
            stuck.desc("deadlocked");
            sched.onDeadlock(report -> stuck.cancel("freed"));
            assertThat(stuck.join()).containsExactly("freed");
            assertThat(sched.metrics().deadlocksReported()).isEqualTo(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.isEmpty() && System.nanoTime() < deadline) {
                loop.loopOnce(Duration.ofMillis(50)); // the stream delivers about once a second
            }
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getString("listing")).contains("deadlocked");
            assertThat(events.get(0).getString("loop")).isEqualTo(loop.observer().name());
        }
    }

    @Test
    void theLoopMBeanListsTheCoros() throws Exception {
        String name = "coro-jmx-" + System.nanoTime();
        open(Loop.builder().backend("select").name(name).jmx(true).build());
        Coro c = Coro.async(() -> { });
        c.desc("listed");
        String listing = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(LoopJmx.objectName(name), "listCoros", null, null);
        assertThat(listing).contains("listed").contains("main");
        c.join();
    }
}
