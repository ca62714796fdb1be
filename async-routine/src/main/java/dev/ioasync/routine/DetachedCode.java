package dev.ioasync.routine;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The older IO::Async API for running code in workers (IO::Async::DetachedCode, made by
 * {@code $loop->detach_code}): a thin facade over a {@link Function}.
 *
 * <pre>{@code
 * DetachedCode code = DetachedCode.detachCode(loop, Map.of(
 *         "code", (FunctionCode) args -> isPrime(Long.parseLong((String) args[0])) ? "1" : ""));
 * code.call(List.of("123454321"),
 *         isPrime -> System.out.println("123454321 " + ("1".equals(isPrime) ? "is" : "is not") + " a prime number"),
 *         error -> System.err.println("Cannot determine if it's prime - " + error));
 * }</pre>
 *
 * <h2>Parameters</h2>
 * <ul>
 * <li>{@code code}: the {@link FunctionCode}.</li>
 * <li>{@code marshaller}: {@code flat} (the default, as in Perl: arguments and results are
 *     strings or {@code null} only, anything else is a clear error) or {@code storable} (any
 *     value the default {@link dev.ioasync.routine.codec.ValueCodec} carries).</li>
 * <li>{@code stream}: {@code socket} or {@code pipe}. Both mean the same here: a worker JVM talks
 *     over its own stdin and stdout pipes, private to the pair, and thread workers over in-memory
 *     queues; Java has no portable {@code socketpair}, and a listening socket could be reached by
 *     other local users. The value is checked and kept for compatibility.</li>
 * <li>{@code workers}: the number of workers (default 1): the Function's minimum and maximum.</li>
 * <li>{@code exit_on_die}: stop a worker after its code throws; a new one replaces it.</li>
 * <li>{@code setup}: a {@link RoutineSetup} for the worker JVMs.</li>
 * <li>{@code model}: (not in Perl) a {@link RoutineModel}. DetachedCode runs its code "in child
 *     processes", so without this parameter it uses {@link RoutineModel#PROCESS} unless the
 *     system property or environment variable of {@link RoutineModel#fromEnvironment()} names a
 *     model.</li>
 * </ul>
 *
 * <p>Thread rules: confined to the loop thread; every continuation runs there.
 */
public final class DetachedCode extends Notifier {

    private final Function function = new Function().minWorkers(1).maxWorkers(1);
    private boolean flat = true;
    private String stream = "pipe";
    private boolean modelSet;

    /** Creates a DetachedCode; configure it, then add it to a loop. */
    public DetachedCode() {
        addChild(function);
    }

    /**
     * IO::Async's {@code $loop->detach_code(%params)}: a DetachedCode configured with the
     * parameters of the class comment and added to the loop.
     *
     * @param loop the loop
     * @param params the parameters by their IO::Async names; {@code code} is required
     * @return the DetachedCode
     * @throws IllegalArgumentException for an unknown parameter or a value of the wrong type
     */
    public static DetachedCode detachCode(Loop loop, Map<String, ?> params) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(params, "params");
        if (!params.containsKey("code")) {
            throw new IllegalArgumentException("detach_code needs a 'code' parameter");
        }
        DetachedCode d = new DetachedCode();
        d.configure(params);
        loop.add(d);
        return d;
    }

    @Override
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "code" -> code(parameter(key, value, FunctionCode.class));
            case "marshaller" -> marshaller(parameter(key, value, String.class));
            case "stream" -> stream(parameter(key, value, String.class));
            case "workers" -> workers(parameter(key, value, Integer.class));
            case "exit_on_die" -> exitOnDie(parameter(key, value, Boolean.class));
            case "setup" -> setup(parameter(key, value, RoutineSetup.class));
            case "model" -> model(value instanceof String s ? RoutineModel.parse(s, "parameter 'model'")
                    : parameter(key, value, RoutineModel.class));
            default -> super.configureParameter(key, value);
        }
    }

    /**
     * Sets the code.
     *
     * @param code the function
     * @return this
     */
    public DetachedCode code(FunctionCode code) {
        function.code(code);
        return this;
    }

    /**
     * Sets the marshaller: {@code flat} or {@code storable}.
     *
     * @param marshaller the name
     * @return this
     * @throws IllegalArgumentException for another name
     */
    public DetachedCode marshaller(String marshaller) {
        switch (Objects.requireNonNull(marshaller, "marshaller")) {
            case "flat" -> flat = true;
            case "storable" -> flat = false;
            default -> throw new IllegalArgumentException("unknown marshaller '" + marshaller
                    + "' (known: flat, storable)");
        }
        return this;
    }

    /** {@return the marshaller's name} */
    public String marshaller() {
        return flat ? "flat" : "storable";
    }

    /**
     * Sets the stream kind: {@code socket} or {@code pipe} (see the class comment).
     *
     * @param stream the kind
     * @return this
     * @throws IllegalArgumentException for another kind
     */
    public DetachedCode stream(String stream) {
        Objects.requireNonNull(stream, "stream");
        if (!"socket".equals(stream) && !"pipe".equals(stream)) {
            throw new IllegalArgumentException("unknown stream '" + stream + "' (known: socket, pipe)");
        }
        this.stream = stream;
        return this;
    }

    /** {@return the stream kind} */
    public String stream() {
        return stream;
    }

    /**
     * Sets the number of workers.
     *
     * @param n at least 1
     * @return this
     */
    public DetachedCode workers(int n) {
        function.maxWorkers(n).minWorkers(n);
        return this;
    }

    /**
     * Sets whether a worker stops after its code throws.
     *
     * @param exit true to stop it
     * @return this
     */
    public DetachedCode exitOnDie(boolean exit) {
        function.exitOnDie(exit);
        return this;
    }

    /**
     * Sets the worker JVMs' setup.
     *
     * @param setup the setup
     * @return this
     */
    public DetachedCode setup(RoutineSetup setup) {
        function.setup(setup);
        return this;
    }

    /**
     * Sets the model.
     *
     * @param model the model
     * @return this
     */
    public DetachedCode model(RoutineModel model) {
        function.model(model);
        modelSet = model != null;
        return this;
    }

    private void defaultModel() {
        boolean named = System.getProperty(RoutineModel.PROPERTY) != null
                || System.getenv(RoutineModel.ENVIRONMENT) != null;
        function.model(named ? RoutineModel.fromEnvironment() : RoutineModel.PROCESS);
    }

    @Override
    protected void addedToLoop(Loop loop) {
        if (!modelSet) {
            defaultModel();
        }
    }

    /**
     * Calls the code (IO::Async::DetachedCode's {@code call} with {@code on_result}).
     *
     * @param args the arguments
     * @param onResult called with {@code "return"} and the result, or {@code "error"} and the
     *     error message
     * @return the future of the result, for those who prefer it
     * @throws IllegalArgumentException when the flat marshaller gets an argument that is not a
     *     string or {@code null}
     */
    public Future<Object> call(List<?> args, BiConsumer<String, Object> onResult) {
        Objects.requireNonNull(onResult, "onResult");
        return call(args, v -> onResult.accept("return", v), e -> onResult.accept("error", e));
    }

    /**
     * Calls the code (IO::Async::DetachedCode's {@code call} with {@code on_return} and
     * {@code on_error}).
     *
     * @param args the arguments
     * @param onReturn called with the result
     * @param onError called with the error message (the exception's, {@code closed} when the worker
     *     died, {@code shutdown} when stopped)
     * @return the future of the result
     * @throws IllegalArgumentException when the flat marshaller gets an argument that is not a
     *     string or {@code null}
     */
    public Future<Object> call(List<?> args, Consumer<Object> onReturn, Consumer<String> onError) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(onReturn, "onReturn");
        Objects.requireNonNull(onError, "onError");
        if (flat) {
            for (Object a : args) {
                if (a != null && !(a instanceof String)) {
                    throw new IllegalArgumentException("the flat marshaller carries strings and null only, not a "
                            + a.getClass().getName() + "; use marshaller 'storable'");
                }
            }
        }
        Future<Object> f = function.call(args.toArray());
        Future<Object> checked = flat ? f.then(v -> v == null || v instanceof String ? Future.doneFuture(v)
                : Future.failedFuture("the flat marshaller carries strings and null only, not a "
                        + v.getClass().getName() + " result; use marshaller 'storable'", "error")) : f;
        checked.onReady(r -> {
            if (r.isDone()) {
                invokeEvent("on_return", () -> onReturn.accept(r.value()));
            } else if (r.isFailed()) {
                FutureFailure failure = r.failure();
                invokeEvent("on_error", () -> onError.accept(failure.getMessage()));
            }
        });
        return checked;
    }

    /**
     * Stops the workers (IO::Async::DetachedCode's {@code shutdown}): pending calls fail with
     * {@code shutdown}.
     *
     * @return a future that is done when the workers have ended
     */
    public Future<Void> shutdown() {
        return function.stop();
    }

    /** {@return how many workers run (IO::Async's {@code workers} in scalar context)} */
    public int workers() {
        return function.workers();
    }

    /** {@return the worker pids (IO::Async's {@code workers} in list context)} */
    public List<Long> workerPids() {
        return function.workerPids();
    }

    /** {@return the Function underneath} */
    public Function function() {
        return function;
    }
}
