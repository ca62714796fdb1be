package dev.ioasync.flow;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A loop of one backend, running on its own thread for the length of a test class, as a
 * Flow user's program would have it: the Reactive Streams TCK calls from its own threads, and
 * the adapters hop onto this one.
 */
final class LoopThread implements AutoCloseable {

    /** How long any one step on the loop may take. */
    static final long WAIT_SECONDS = 30;

    private final Thread thread;
    private final Loop loop;
    private final List<Stream> streams = new ArrayList<>(); // loop thread only

    LoopThread(String backend) throws Exception {
        CompletableFuture<Loop> made = new CompletableFuture<>();
        thread = new Thread(() -> {
            Loop l;
            try {
                l = Loop.create(backend);
            } catch (RuntimeException e) {
                made.completeExceptionally(e);
                return;
            }
            made.complete(l);
            try (l) {
                l.run();
            }
        }, "flow-tck-loop-" + backend);
        thread.setDaemon(true);
        thread.start();
        loop = made.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Loop loop() {
        return loop;
    }

    /** Runs {@code code} on the loop thread and returns its result. */
    <T> T call(Supplier<T> code) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.later(() -> {
            try {
                result.complete(code.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs {@code code}, returning a loop future, on the loop thread and waits for the future's value. */
    <T> T await(Supplier<Future<T>> code) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.later(() -> {
            try {
                code.get().toCompletableFuture().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(v);
                    }
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A connected pair of TCP streams on 127.0.0.1, both in the loop, with no read handler yet.
     *
     * @return {@code [client, server]}
     */
    Stream[] loopbackPair() throws Exception {
        CompletableFuture<Stream> accepted = new CompletableFuture<>();
        Listener listener = await(() -> loop.listen("127.0.0.1", 0, s -> {
            loop.add(s);
            accepted.complete(s);
        }));
        Stream client = await(() -> loop.connect("127.0.0.1", listener.port()));
        call(() -> {
            loop.add(client);
            listener.close();
            return null;
        });
        Stream server = accepted.get(WAIT_SECONDS, TimeUnit.SECONDS);
        call(() -> streams.addAll(List.of(client, server)));
        return new Stream[] {client, server};
    }

    /** Closes every stream {@link #loopbackPair()} made. */
    void closeStreams() throws Exception {
        call(() -> {
            streams.forEach(s -> {
                if (!s.isClosed()) {
                    s.closeNow();
                }
            });
            streams.clear();
            return null;
        });
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            closeStreams();
            loop.stop();
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while stopping the loop thread");
        } catch (Exception e) {
            throw new java.io.IOException("the loop thread did not stop cleanly", e);
        }
    }
}
