package dev.ioasync.routine.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A spare child JVM ({@link SpareChildren}) with the two threads that will move its frames
 * (a {@link ProcessTransport}'s reader and writer), started with it and waiting for their work:
 * the routine that takes the spare hands them their bodies and starts no thread of its own (a
 * thread's start waits until the new thread runs, which on a busy machine is a wait for a core at
 * the moment the routine's first call wants one). A spare that is never taken lets its threads
 * end ({@link #release}).
 *
 * <p>Thread rules: thread-safe; {@link #run} or {@link #release} once.
 */
final class SpareProcess {

    private final Process process;
    private final CompletableFuture<Runnable> reader = new CompletableFuture<>();
    private final CompletableFuture<Runnable> writer = new CompletableFuture<>();

    private SpareProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts a spare child JVM and its two waiting threads.
     *
     * @param pb the spare's command
     * @return the spare
     * @throws IOException when the JVM cannot be started
     */
    static SpareProcess start(ProcessBuilder pb) throws IOException {
        SpareProcess s = new SpareProcess(pb.start());
        String id = "process-" + s.process.pid();
        Thread.ofPlatform().name(id + "-reader").daemon(true).start(() -> runWhenGiven(s.reader));
        Thread.ofPlatform().name(id + "-writer").daemon(true).start(() -> runWhenGiven(s.writer));
        return s;
    }

    private static void runWhenGiven(CompletableFuture<Runnable> work) {
        Runnable body = work.join();
        if (body != null) {
            body.run();
        }
    }

    /** {@return the child JVM} */
    Process process() {
        return process;
    }

    /**
     * Hands the waiting threads their bodies.
     *
     * @param read the reader's body
     * @param write the writer's body
     */
    void run(Runnable read, Runnable write) {
        writer.complete(write);
        reader.complete(read);
    }

    /** Lets the waiting threads end: the spare will not be used (it is killed, or it died). */
    void release() {
        writer.complete(null);
        reader.complete(null);
    }
}
