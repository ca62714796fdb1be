package dev.ioasync.routine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IO::Async::DetachedCode (seed 001) over Function, on every backend present. */
class DetachedCodeTest {

    static final FunctionCode IS_PRIME = args -> {
        long n = Long.parseLong((String) args[0]);
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return "";
            }
        }
        return "1";
    };

    static final FunctionCode TYPED = args -> args.length == 0 ? Boolean.TRUE : List.of(args);

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ioasync.routine.TestLoops#backendsAndModels")
    void seedPrimeExample(String backend, RoutineModel model) {
        try (Loop loop = Loop.create(backend)) {
            DetachedCode code = DetachedCode.detachCode(loop, Map.of("code", IS_PRIME, "model", model));
            assertThat(code.marshaller()).isEqualTo("flat");
            assertThat(code.workers()).isZero();
            List<String> out = new ArrayList<>();
            Future<Object> f = code.call(List.of("123454321"),
                    isPrime -> out.add("123454321 " + ("1".equals(isPrime) ? "is" : "is not") + " a prime number"),
                    error -> out.add("Cannot determine if it's prime - " + error));
            loop.await(f);
            assertThat(out).containsExactly("123454321 is not a prime number");
            assertThat(code.workers()).isEqualTo(1);
            assertThat(code.workerPids()).hasSize(model == RoutineModel.PROCESS ? 1 : 0);
            List<String> results = new ArrayList<>();
            loop.await(code.call(List.of("7"), (type, value) -> results.add(type + " " + value)));
            assertThat(results).containsExactly("return 1");
            code.shutdown().get(TestLoops.WAIT);
            assertThat(code.workers()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void flatMarshallerCarriesStringsOnlyStorableCarriesValues(String backend) {
        try (Loop loop = Loop.create(backend)) {
            DetachedCode flat = DetachedCode.detachCode(loop, Map.of("code", TYPED, "model", "thread",
                    "stream", "socket"));
            assertThatThrownBy(() -> flat.call(List.of(1), v -> { }, e -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
            List<String> errors = new ArrayList<>();
            loop.await(flat.call(List.of(), v -> errors.add("returned " + v), errors::add));
            assertThat(errors).singleElement().asString().contains("flat marshaller", "java.lang.Boolean");

            DetachedCode storable = DetachedCode.detachCode(loop, Map.of("code", TYPED, "marshaller", "storable",
                    "model", RoutineModel.PROCESS, "workers", 2, "exit_on_die", true));
            List<Object> got = new ArrayList<>();
            loop.await(storable.call(List.of(1, "two", List.of(3)), got::add, e -> got.add("error " + e)));
            assertThat(got).containsExactly(List.of(1, "two", List.of(3)));
            assertThatThrownBy(() -> storable.marshaller("json")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storable.stream("tcp")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DetachedCode.detachCode(loop, Map.of("workers", 1)))
                    .hasMessageContaining("code");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ioasync.routine.TestLoops#backends")
    void shutdownFailsPendingCallsWithShutdown(String backend) throws Exception {
        try (Loop loop = Loop.create(backend)) {
            FunctionTest.RAN.clear();
            FunctionTest.gate = new java.util.concurrent.CountDownLatch(1);
            FunctionTest.holding = new java.util.concurrent.CountDownLatch(1);
            DetachedCode code = DetachedCode.detachCode(loop, Map.of("code", FunctionTest.GATED, "model", "thread"));
            List<String> results = new ArrayList<>();
            code.call(List.of("hold"), (type, v) -> results.add(type + " " + v));
            code.call(List.of("queued"), (type, v) -> results.add(type + " " + v));
            assertThat(FunctionTest.holding.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Future<Void> down = code.shutdown();
            FunctionTest.gate.countDown();
            down.get(TestLoops.WAIT);
            assertThat(results).containsExactly("error Function stopped while the call ran",
                    "error Function stopped with calls pending");
        }
    }
}
