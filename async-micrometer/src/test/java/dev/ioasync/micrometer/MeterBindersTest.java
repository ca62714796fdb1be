package dev.ioasync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeterBindersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void loopMetersFollowTheLoop() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Loop loop = Loop.builder().backend("select").name("mm-loop").build()) {
            new LoopMeterBinder(loop, Tags.of("app", "test")).bindTo(registry);
            int[] ran = new int[1];
            for (int i = 0; i < 5; i++) {
                loop.later(() -> ran[0]++);
            }
            loop.watchTimeAfter(Duration.ofHours(1), () -> { });
            while (ran[0] < 5) {
                loop.loopOnce(Duration.ofMillis(50));
            }
            var search = registry.get("ioasync.loop.callbacks").tag("loop", "mm-loop").tag("backend", "select")
                    .tag("app", "test");
            assertThat(search.functionCounter().count()).isGreaterThanOrEqualTo(5);
            assertThat(registry.get("ioasync.loop.timers").tag("loop", "mm-loop").gauge().value()).isEqualTo(1);
            assertThat(registry.get("ioasync.loop.iterations").functionCounter().count()).isPositive();
            assertThat(registry.get("ioasync.loop.timer.lateness").tag("phi", "0.99").timeGauge().value(TimeUnit.SECONDS))
                    .isGreaterThanOrEqualTo(0);
            loop.loopOnce(Duration.ofMillis(1)); // publishes before it sleeps
            double offThread = CompletableFuture.supplyAsync(
                    () -> registry.get("ioasync.loop.callbacks").functionCounter().count())
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(offThread).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void loopIoMetersCountBytesConnectionsAndLimits() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Loop loop = Loop.builder().backend("select").name("mm-io").build()) {
            new LoopMeterBinder(loop).bindTo(registry);
            java.util.List<dev.ioasync.io.SocketHandle> held = new java.util.ArrayList<>();
            var listening = loop.listen("127.0.0.1", "0",
                    h -> new dev.ioasync.net.Listener(h).onAccept(held::add), 0);
            var server = listening.get(WAIT);
            var c = loop.connect("127.0.0.1", server.port()).get(WAIT);
            loop.add(c.onRead((s, b, e) -> dev.ioasync.stream.ReadResult.WAIT));
            c.writeLimit(10_000);
            assertThat(c.write(new byte[20_000]).failure().category()).isEqualTo("write-limit");
            c.write(new byte[5000]).get(WAIT);
            while (held.isEmpty()) {
                loop.loopOnce(Duration.ofMillis(50));
            }
            assertThat(registry.get("ioasync.loop.connections.accepted").tag("loop", "mm-io").functionCounter().count())
                    .as(loop.metrics().summary()).isEqualTo(1);
            var written = registry.get("ioasync.loop.bytes.written").functionCounter();
            assertThat(written.count()).isGreaterThanOrEqualTo(5000);
            assertThat(written.getId().getBaseUnit()).isEqualTo("bytes");
            assertThat(registry.get("ioasync.loop.bytes.read").functionCounter().count()).isZero();
            assertThat(registry.get("ioasync.loop.limit.hits").tag("kind", "write-limit").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("ioasync.loop.limit.hits").tag("kind", "read-limit").functionCounter().count())
                    .isZero();
            assertThat(registry.get("ioasync.loop.errors.category").tag("category", "callback").functionCounter()
                    .count()).isZero();
            c.closeNow();
            for (var h : held) {
                h.close();
            }
        }
    }

    @Test
    void functionMetersCountCalls() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Loop loop = Loop.create("select")) {
            Function f = new Function().model(RoutineModel.THREAD).code(args -> args[0]).maxWorkers(1);
            loop.add(f);
            new FunctionMeterBinder(f, "echo", Tags.empty()).bindTo(registry);
            for (int i = 0; i < 3; i++) {
                assertThat(f.call(i).get(WAIT)).isEqualTo(i);
            }
            assertThat(registry.get("ioasync.function.calls").tag("function", "echo").tag("result", "done")
                    .functionCounter().count()).isEqualTo(3);
            assertThat(registry.get("ioasync.function.calls").tag("result", "failed").functionCounter().count())
                    .isZero();
            assertThat(registry.get("ioasync.function.workers.started").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("ioasync.function.queued").gauge().value()).isZero();
            assertThat(registry.get("ioasync.function.call.latency.max").timeGauge().value(TimeUnit.NANOSECONDS))
                    .isPositive();
            loop.await(f.stop());
        }
    }
}
