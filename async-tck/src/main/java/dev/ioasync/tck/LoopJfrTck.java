package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/** The loop's JFR events, seen by a {@link RecordingStream}: a stalled iteration and a callback error. */
public abstract class LoopJfrTck extends AbstractLoopTck {

    /** Creates the suite. */
    protected LoopJfrTck() {
    }

    /**
     * A callback busy 60 ms is a LoopStall naming its notifier; a throwing callback is a CallbackError.
     *
     * @throws Exception when the recording cannot start
     */
    @Test
    public void recordsStallsAndCallbackErrors() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (RecordingStream rs = new RecordingStream()) {
            rs.enable("dev.ioasync.LoopStall").withThreshold(Duration.ofMillis(10));
            rs.enable("dev.ioasync.CallbackError");
            rs.onEvent("dev.ioasync.LoopStall", events::add);
            rs.onEvent("dev.ioasync.CallbackError", events::add);
            rs.setMaxAge(Duration.ofMinutes(1));
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            rs.onFlush(started::countDown);
            rs.startAsync();
            assertThat(started.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
            String loopName = loop.metrics().loop();
            boolean[] done = new boolean[1];
            var slow = new dev.ioasync.timer.Countdown(Duration.ZERO, () -> {
                LoopMetricsTck.spin(Duration.ofMillis(60));
                done[0] = true;
            });
            slow.name("slowpoke");
            loop.add(slow);
            slow.start();
            runUntil(loop, () -> done[0], "the slow callback");
            loop.later(() -> {
                throw new IllegalStateException("recorded");
            });
            runUntil(loop, () -> !loopErrors.isEmpty(), "the error");
            drainLoopErrors();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(has(events, "dev.ioasync.LoopStall", loopName) && has(events, "dev.ioasync.CallbackError", loopName))
                    && System.nanoTime() - deadline < 0) {
                loop.loopOnce(Duration.ofMillis(50)); // the stream delivers about once a second
            }
            RecordedEvent stall = events.stream().filter(e -> e.getEventType().getName().equals("dev.ioasync.LoopStall")
                    && loopName.equals(e.getString("loop"))).findFirst().orElseThrow();
            assertThat(stall.getString("slowest")).contains("Countdown[slowpoke]");
            assertThat(stall.getLong("slowestNanos")).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos());
            assertThat(stall.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
            RecordedEvent error = events.stream().filter(e -> e.getEventType().getName().equals("dev.ioasync.CallbackError")
                    && loopName.equals(e.getString("loop"))).findFirst().orElseThrow();
            assertThat(error.getString("errorClass")).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.getString("message")).isEqualTo("recorded");
        }
    }

    private static boolean has(List<RecordedEvent> events, String type, String loopName) {
        return events.stream().anyMatch(e -> e.getEventType().getName().equals(type) && loopName.equals(e.getString("loop")));
    }
}
