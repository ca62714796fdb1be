package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.group.GroupListener;
import dev.ioasync.group.LoopFutures;
import dev.ioasync.group.LoopGroup;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopGroup}: connections spread over the loops, each stream confined to its loop's
 * thread, futures crossing loops, graceful and immediate shutdown, and a group of one behaving
 * as one loop. The clients run on the test's own {@link #loop}. Its groups use the one-acceptor
 * hand-off on every backend ({@code reusePort(false)}), so the round robin is exact; the
 * socket-per-loop mode is {@link GroupReusePortTck}'s.
 */
public abstract class LoopGroupTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LoopGroupTck() {
    }

    private static final String PREFIX = "tck-group-";

    private LoopGroup group(int n) {
        return LoopGroup.builder().loops(n).provider(provider()).threadNamePrefix(PREFIX)
                .errorHandler(collector()).reusePort(false).build();
    }

    private static void closeWithin(LoopGroup g) {
        g.close();
        assertThat(g.terminationFuture()).isDone();
    }

    /** What one accepted stream saw: the threads its callbacks ran on. */
    private static final class Seen {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile boolean closed;
    }

    private static Stream echo(Stream stream, Map<Stream, Seen> seen) {
        Seen s = new Seen();
        seen.put(stream, s);
        s.threads.add(Thread.currentThread().getName());
        stream.onRead((st, buf, eof) -> {
            s.threads.add(Thread.currentThread().getName());
            if (!buf.isEmpty()) {
                st.write(buf.takeAll(), n -> s.threads.add(Thread.currentThread().getName()),
                        () -> s.threads.add(Thread.currentThread().getName()));
            }
            if (eof) {
                st.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        });
        stream.onReadEof(() -> s.threads.add(Thread.currentThread().getName()));
        stream.onClosed(() -> {
            s.threads.add(Thread.currentThread().getName());
            s.closed = true;
        });
        return stream;
    }

    private List<String> echoClients(int port, int n) {
        return EchoClients.run(loop, port, n);
    }

    @Test
    void group_200ClientsOverTwoLoopsReachBothLoopsAndEveryEchoComesBack() {
        Map<Stream, Seen> seen = new ConcurrentHashMap<>();
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, seen)).get(WAIT);
            assertThat(server.mode()).isEqualTo(GroupListener.Mode.HAND_OFF);
            List<String> replies = echoClients(server.port(), 200);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add("client " + i + "\n");
            }
            assertThat(replies).containsExactlyInAnyOrderElementsOf(expected);
            List<Long> perLoop = server.acceptedPerLoop();
            System.out.println(provider().name() + ": 200 connections over a 2-loop group, per loop: " + perLoop);
            assertThat(perLoop).as("connections per loop").hasSize(2).allMatch(c -> c > 0);
            assertThat(perLoop.get(0) + perLoop.get(1)).isEqualTo(200);
            assertThat(server.acceptedCount()).isEqualTo(200);
        }
    }

    @Test
    void group_everyCallbackOfAStreamRunsOnTheThreadOfOneLoop() {
        Map<Stream, Seen> seen = new ConcurrentHashMap<>();
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, seen)).get(WAIT);
            echoClients(server.port(), 40);
            runUntil(loop, () -> seen.size() == 40 && seen.values().stream().allMatch(s -> s.closed),
                    "the server's streams to close");
            Set<String> loopThreads = ConcurrentHashMap.newKeySet();
            seen.forEach((stream, s) -> {
                assertThat(s.threads).as("threads of the callbacks of " + stream).hasSize(1);
                loopThreads.addAll(s.threads);
            });
            assertThat(loopThreads).containsExactlyInAnyOrder(PREFIX + "0", PREFIX + "1");
        }
    }

    @Test
    void group_tlsConnectionsHandshakeAndEchoOnTheLoopTheyWereHandedTo() throws Exception {
        TestCertificates certs = TestCertificates.get();
        Map<Stream, Seen> seen = new ConcurrentHashMap<>();
        int n = 6;
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, TlsOptions.of(certs.server()), s -> echo(s, seen)).get(WAIT);
            List<String> replies = new CopyOnWriteArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String line = "tls client " + i + "\n";
                expected.add(line);
                loop.connect("localhost", Integer.toString(server.port()),
                        ConnectOptions.DEFAULTS.withTls(TlsOptions.of(certs.client()))).onReady(f -> {
                            if (!f.isDone()) {
                                failed.incrementAndGet();
                                return;
                            }
                            Stream c = f.value();
                            loop.add(c);
                            c.write(line);
                            c.readLine().onDone(reply -> {
                                replies.add(reply);
                                c.closeNow();
                            });
                        });
            }
            runUntil(loop, () -> replies.size() + failed.get() == n, n + " TLS clients to get their echo");
            assertThat(failed).as("TLS clients that could not connect").hasValue(0);
            assertThat(replies).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(server.acceptedPerLoop()).containsExactly(3L, 3L);
            runUntil(loop, () -> seen.size() == n && seen.values().stream().allMatch(s -> s.closed),
                    "the server's TLS streams to close");
            seen.forEach((stream, s) -> assertThat(s.threads).as("threads of the callbacks of " + stream).hasSize(1));
        }
    }

    @Test
    void group_aFutureCompletedOnLoopAAndAwaitedOnLoopBRunsItsCallbacksOnB() throws Exception {
        try (LoopGroup g = group(2)) {
            Loop a = g.loops().get(0);
            Loop b = g.loops().get(1);
            Future<String> onA = a.newFuture();
            Future<String> failsOnA = a.newFuture();
            CompletableFuture<String> doneThread = new CompletableFuture<>();
            CompletableFuture<String> failedOn = new CompletableFuture<>();
            CountDownLatch watching = new CountDownLatch(1);
            b.later(() -> {
                LoopFutures.on(onA, b).onDone(v -> doneThread.complete(v + " on " + Thread.currentThread().getName()));
                LoopFutures.on(failsOnA, b).onFail(e -> failedOn.complete(e.category() + " on " + Thread.currentThread().getName()));
                watching.countDown();
            });
            assertThat(watching.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            a.later(() -> {
                onA.done("value");
                failsOnA.fail("no", "testing");
            });
            assertThat(doneThread.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("value on " + PREFIX + "1");
            assertThat(failedOn.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("testing on " + PREFIX + "1");
        }
    }

    @Test
    void group_submitFromALoopDeliversOnTheCallersLoopAndFromOutsideOnTheLoopThatRanIt() throws Exception {
        try (LoopGroup g = group(2)) {
            Loop b = g.loops().get(1);
            List<String> results = new CopyOnWriteArrayList<>();
            CountDownLatch both = new CountDownLatch(2);
            b.later(() -> {
                for (int i = 0; i < 2; i++) {
                    g.submit(() -> Thread.currentThread().getName()).onDone(ran -> {
                        results.add(ran + " -> " + Thread.currentThread().getName());
                        both.countDown();
                    });
                }
            });
            assertThat(both.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(results).containsExactlyInAnyOrder(PREFIX + "0 -> " + PREFIX + "1", PREFIX + "1 -> " + PREFIX + "1");

            Future<String> outside = g.submit(() -> Thread.currentThread().getName());
            String ran = outside.get(WAIT);
            assertThat(outside.loop()).isSameAs(g.loops().get(Integer.parseInt(ran.substring(PREFIX.length()))));

            Future<String> throwing = g.submit(() -> {
                throw new IllegalArgumentException("bad task input");
            });
            assertThatThrownBy(() -> throwing.get(WAIT)).hasMessageContaining("bad task input");
        }
    }

    @Test
    void group_gracefulShutdownUnderLoadLosesNoByteAcceptedForWriting() {
        int clients = 8;
        int chunk = 64 * 1024;
        int chunks = 64; // 4 MiB a stream: more than the socket buffers hold while the client waits
        byte[] data = new byte[chunk];
        AtomicLong accepted = new AtomicLong();
        AtomicInteger ready = new AtomicInteger();
        LoopGroup g = group(2);
        try {
            GroupListener server = g.listen("127.0.0.1", 0, s -> {
                for (int i = 0; i < chunks; i++) {
                    s.write(data);
                    accepted.addAndGet(chunk);
                }
                ready.incrementAndGet();
            }).get(WAIT);
            List<Stream> waiting = new CopyOnWriteArrayList<>();
            for (int i = 0; i < clients; i++) {
                loop.connect("127.0.0.1", server.port()).onDone(waiting::add);
            }
            runUntil(loop, () -> waiting.size() == clients && ready.get() == clients, "every connection to be served");

            CompletableFuture<Void> ended = g.shutdownGracefully(Duration.ofMillis(10), WAIT);
            assertThat(g.isShuttingDown()).isTrue();
            assertThatThrownBy(() -> g.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);

            AtomicLong received = new AtomicLong();
            AtomicInteger eofs = new AtomicInteger();
            for (Stream c : waiting) {
                c.onRead((s, buf, eof) -> {
                    received.addAndGet(buf.size());
                    buf.clear();
                    if (eof) {
                        eofs.incrementAndGet();
                        s.close();
                    }
                    return ReadResult.WAIT;
                });
                loop.add(c);
            }
            runUntil(loop, () -> eofs.get() == clients, "every client to read to the end");
            assertThat(received.get()).as("bytes the clients received").isEqualTo(accepted.get())
                    .isEqualTo((long) clients * chunks * chunk);
            runUntil(loop, ended::isDone, "the group to end");
            assertThat(g.isClosed()).isTrue();
            Future<Stream> late = awaitReady(loop.connect("127.0.0.1", server.port()));
            assertThat(late.isFailed()).as("a connect after the shutdown is refused").isTrue();
        } finally {
            g.close();
        }
    }

    @Test
    void group_closeFailsPendingFuturesWithCategoryShutdown() throws Exception {
        LoopGroup g = group(1);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocking = g.submit(() -> {
            entered.countDown();
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            return "late";
        });
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            queued.add(g.submit(() -> n));
        }
        CountDownLatch failed = new CountDownLatch(6);
        List<String> categories = new CopyOnWriteArrayList<>();
        blocking.onFail(e -> {
            categories.add(e.category());
            failed.countDown();
        });
        queued.forEach(f -> f.onFail(e -> {
            categories.add(e.category());
            failed.countDown();
        }));
        Thread closer = new Thread(g::close, "tck-group-closer");
        closer.start();
        try {
            assertThat(failed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("pending futures failed").isTrue();
            assertThat(categories).hasSize(6).containsOnly("shutdown");
        } finally {
            release.countDown();
            closer.join(WAIT.toMillis());
        }
        assertThat(closer.isAlive()).isFalse();
        assertThat(g.terminationFuture()).isDone();
        Future<Integer> after = g.submit(() -> 1);
        assertThat(after.isFailed()).isTrue();
        FutureFailure why = after.failure();
        assertThat(why.category()).isEqualTo("shutdown");
        assertThatThrownBy(() -> g.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void group_ofOneBehavesAsOneLoop() throws Exception {
        Map<Stream, Seen> seen = new ConcurrentHashMap<>();
        LoopGroup g = group(1);
        try {
            assertThat(g.loops()).hasSize(1);
            Loop only = g.loops().get(0);
            assertThat(g.next()).isSameAs(only);
            assertThat(g.next()).isSameAs(only);
            assertThat(only.backend()).isEqualTo(provider().name());

            // later calls run in order, on the loop's thread
            List<String> order = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                g.execute(() -> order.add(n + "@" + Thread.currentThread().getName()));
            }
            assertThat(g.submit(() -> order.size()).get(WAIT)).isEqualTo(50);
            for (int i = 0; i < 50; i++) {
                assertThat(order.get(i)).isEqualTo(i + "@" + PREFIX + "0");
            }

            // timers fire on the loop
            CompletableFuture<String> fired = new CompletableFuture<>();
            g.execute(() -> only.delay(Duration.ofMillis(5))
                    .onDone(v -> fired.complete("fired on " + Thread.currentThread().getName())));
            assertThat(fired.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("fired on " + PREFIX + "0");

            // a callback that throws goes to the error handler and the loop goes on
            g.execute(() -> {
                throw new IllegalStateException("thrown by a group callback");
            });
            assertThat(g.submit(() -> "still running").get(WAIT)).isEqualTo("still running");
            assertThat(drainLoopErrors()).singleElement().satisfies(e ->
                    assertThat(e).hasMessageContaining("thrown by a group callback"));

            // a server on a group of one: every connection on the one loop
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, seen)).get(WAIT);
            assertThat(echoClients(server.port(), 10)).hasSize(10);
            assertThat(server.acceptedPerLoop()).containsExactly(10L);
        } finally {
            closeWithin(g);
        }
    }

    @Test
    void group_badSizeIsRefusedWithAClearError() {
        assertThatThrownBy(() -> LoopGroup.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 loop").hasMessageContaining("0");
        try (LoopGroup g = LoopGroup.builder().loops(2).provider(provider()).build()) {
            assertThat(g.loops()).hasSize(2);
            // the default thread names
            List<String> names = new CopyOnWriteArrayList<>();
            CountDownLatch both = new CountDownLatch(2);
            for (Loop l : g.loops()) {
                l.later(() -> {
                    names.add(Thread.currentThread().getName());
                    both.countDown();
                });
            }
            assertThat(both.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(names).containsExactlyInAnyOrder("ioasync-loop-0", "ioasync-loop-1");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
