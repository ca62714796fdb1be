package dev.ioasync.routine.internal;

import dev.ioasync.routine.Channel;
import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.codec.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The ahead-of-time cache of JDK 25 and later (JEP 483, 514, 515) for child JVMs: classes loaded
 * and linked, lambda and string-concatenation call sites resolved and method profiles recorded
 * by a <em>training run</em>, mapped by every later child instead of loading them again.
 *
 * <p>The training run is a child JVM with the very command line of a routine's child plus
 * {@code -XX:AOTCacheOutput=FILE} (JEP 514's one-step training), that does what a Function
 * worker does: it boots {@link ChildMain}, reads a setup frame, runs a few trivial calls, answers
 * them and ends at end of stream; at its exit the JVM writes the cache. It runs once per cache
 * file and parent JVM, on a daemon thread, with its stdout and stderr discarded (the JVM prints
 * its progress there), into a temporary file that is renamed into place only after a clean exit,
 * so a child never sees a half-written cache. A failed training is not retried by this JVM; its
 * children keep the class-data-sharing archive ({@link ChildJvmTuning}).
 *
 * <p>Thread rules: thread-safe.
 */
final class AotCache {

    /** The system property that turns the AOT cache off (the CDS archive stays) when {@code false}: {@value}. */
    static final String PROPERTY = "ioasync.routine.aotCache";

    /** The longest a training run may take before it is killed. */
    private static final long TRAINING_LIMIT_SECONDS = 300;

    private static final System.Logger LOG = System.getLogger(AotCache.class.getName());
    private static final Map<Path, CompletableFuture<Boolean>> TRAININGS = new ConcurrentHashMap<>();

    /** The trained function: small, serializable, and in this jar, so that the training child can run it. */
    private static final FunctionCode TRAINING_CODE = args -> ((Integer) args[0]) + ((Integer) args[1]);

    /** The calls in {@link #input}: the worker's result. */
    static final int CALLS = 3;

    /**
     * The trained function again, named by class ({@link ClassNamedFunction}): the other way a
     * Function's code reaches a child, through {@code Class.forName} and a constructor call.
     */
    public static final class TrainingAdd implements FunctionCode {
        private static final long serialVersionUID = 1L;

        /** For {@link ClassNamedCode#instantiate}. */
        public TrainingAdd() {
        }

        @Override
        public Object apply(Object... args) {
            return ((Integer) args[0]) + ((Integer) args[1]);
        }
    }

    private AotCache() {
    }

    /** {@return whether children on this JDK may use an AOT cache} */
    static boolean supported() {
        return Runtime.version().feature() >= 25
                && !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * Starts the training run that writes {@code cache}, unless this JVM has already started one.
     *
     * @param cache the cache file to write
     * @param command the child's command line, where the training option goes right after the
     *     executable (the user's options follow it)
     * @param environment the child's environment
     * @return the training's outcome: {@code true} once the cache is in place
     */
    static CompletableFuture<Boolean> train(Path cache, List<String> command, Map<String, String> environment) {
        return TRAININGS.computeIfAbsent(cache, c -> {
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            List<String> cmd = List.copyOf(command);
            Map<String, String> env = Map.copyOf(environment);
            Thread.ofPlatform().daemon(true).name("ioasync-routine-aot-training").start(() -> {
                boolean ok = false;
                try {
                    ok = run(c, cmd, env);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "AOT cache training for " + c + " failed: " + e);
                    if (e instanceof VirtualMachineError fatal) {
                        done.complete(false);
                        throw fatal;
                    }
                } finally {
                    done.complete(ok);
                }
            });
            return done;
        });
    }

    /** {@return the training of {@code cache} this JVM started, or {@code null}} */
    static CompletableFuture<Boolean> training(Path cache) {
        return TRAININGS.get(cache);
    }

    private static boolean run(Path cache, List<String> command, Map<String, String> environment) {
        Path tmp = cache.resolveSibling(cache.getFileName() + "-" + ProcessHandle.current().pid() + ".tmp");
        Path config = tmp.resolveSibling(tmp.getFileName() + ".config");
        List<String> cmd = new ArrayList<>(command);
        cmd.add(1, "-XX:AOTCacheOutput=" + tmp);
        // as a spare: after an empty preview (SpareChildren), the warm-up runs both ways code
        // travels (a lambda, a class by name) once (the input is there at once, so it stops after
        // one round) before the real setup
        cmd.add(2, "-D" + SpareChildren.SPARE_PROPERTY + "=true");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = null;
        try {
            p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(Frames.frame(Frames.SETUP, 0, new byte[0])); // a spare's preview: none
                in.write(input(false));
            } catch (IOException e) {
                // the child ended early: its exit status tells
            }
            if (!p.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.log(System.Logger.Level.DEBUG, () -> "AOT cache training for " + cache + " took too long; killed");
                return false;
            }
            int status = p.exitValue();
            if (status != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                LOG.log(System.Logger.Level.DEBUG, () -> "AOT cache training for " + cache + " ended with status "
                        + status + " and no cache");
                return false;
            }
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | SecurityException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "AOT cache training for " + cache + " failed: " + e);
            return false;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(config);
            } catch (IOException | SecurityException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot delete " + tmp + ": " + e);
            }
        }
    }

    /**
     * What the parent of a Function worker sends it, as frames: the setup (with the trained function
     * as a serialized lambda), three calls, and the end of both in-channels (calls and withdrawals).
     *
     * @return the bytes of the frames
     */
    static byte[] input() {
        return input(false);
    }

    /**
     * What the parent of a Function worker sends it, as frames: the setup, {@value #CALLS} calls,
     * and the end of both in-channels (calls and withdrawals).
     *
     * @param classNamed whether the function is named by class ({@link TrainingAdd}) rather than
     *     a serialized lambda
     * @return the bytes of the frames
     */
    static byte[] input(boolean classNamed) {
        int max = Channel.DEFAULT_MAX_FRAME_SIZE;
        Wire wire = new Wire(List.of(RawBytesCodec.INSTANCE, ValueCodec.DEFAULT), List.of(max, max),
                List.of(ValueCodec.DEFAULT), List.of(max), ValueCodec.DEFAULT, max);
        FunctionCode code = classNamed ? new ClassNamedFunction(TrainingAdd.class.getName()) : TRAINING_CODE;
        ChildSetup setup = new ChildSetup("aot-training", new FunctionWorkerBody(code, ValueCodec.DEFAULT, false, 0), wire);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(Frames.frame(Frames.SETUP, 0, setup.encode()));
        for (int i = 0; i < CALLS; i++) {
            frames.writeBytes(Frames.frame(Frames.MESSAGE, 0, ValueCodec.DEFAULT.encode(new Object[] {i, 1})));
        }
        frames.writeBytes(Frames.frame(Frames.EOF, 0, new byte[0]));
        frames.writeBytes(Frames.frame(Frames.EOF, 1, new byte[0]));
        return frames.toByteArray();
    }
}
