package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.group.GroupListener;
import dev.ioasync.group.LoopGroup;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * How a {@link LoopGroup} listens: one {@code SO_REUSEPORT} socket per loop where the backend
 * says the kernel spreads connections over them
 * ({@link dev.ioasync.spi.IoHandleFactory#supportsReusePort()}), one acceptor handing sockets
 * round robin elsewhere. Each backend's subclass states which it expects here
 * ({@link #expectsReusePort()}), so the mode is asserted per backend, not read back from the
 * code under test. The hand-off mode's own behaviour is in {@link LoopGroupTck}.
 */
public abstract class GroupReusePortTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider and the expected mode. */
    protected GroupReusePortTck() {
    }

    private static final String PREFIX = "tck-reuseport-";

    /**
     * {@return whether this backend, on this OS, gives a group's loops a listening socket each
     *     with {@code SO_REUSEPORT}}
     */
    protected abstract boolean expectsReusePort();

    private GroupListener.Mode expectedMode() {
        return expectsReusePort() ? GroupListener.Mode.REUSE_PORT : GroupListener.Mode.HAND_OFF;
    }

    private LoopGroup group(int n) {
        return LoopGroup.builder().loops(n).provider(provider()).threadNamePrefix(PREFIX)
                .errorHandler(collector()).build();
    }

    /** Echoes on the server side and records the threads every callback of every stream ran on. */
    private static void echo(Stream stream, Map<Stream, Set<String>> threads) {
        Set<String> mine = ConcurrentHashMap.newKeySet();
        threads.put(stream, mine);
        mine.add(Thread.currentThread().getName());
        stream.onRead((st, buf, eof) -> {
            mine.add(Thread.currentThread().getName());
            if (!buf.isEmpty()) {
                st.write(buf.takeAll(), n -> mine.add(Thread.currentThread().getName()), null);
            }
            if (eof) {
                st.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        });
        stream.onClosed(() -> mine.add(Thread.currentThread().getName()));
    }

    private List<String> echoClients(int port, int n) {
        return EchoClients.run(loop, port, n);
    }

    /** Waits until every loop of {@code g} ran what was queued on it before (its later queue is FIFO). */
    private static void drainEveryLoop(LoopGroup g) throws Exception {
        for (Loop l : g.loops()) {
            CompletableFuture<Void> ran = new CompletableFuture<>();
            l.later(() -> ran.complete(null));
            ran.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void reusePort_theBackendSaysWhetherItSpreadsAndTheGroupUsesTheModeItExpects() {
        assertThat(loop.handles().supportsReusePort()).as(provider().name() + " supportsReusePort()")
                .isEqualTo(expectsReusePort());
        Logger jul = Logger.getLogger(LoopGroup.class.getName());
        Level before = jul.getLevel();
        try (LogCapture log = new LogCapture(LoopGroup.class.getName())) {
            jul.setLevel(Level.FINE);
            try (LoopGroup g = group(2)) {
                GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, new ConcurrentHashMap<>())).get(WAIT);
                assertThat(server.mode()).as(provider().name() + " on 2 loops").isEqualTo(expectedMode());
                assertThat(server.listeningLoops()).hasSize(expectsReusePort() ? 2 : 1);
                List<String> debug = log.records().stream().filter(r -> r.getLevel() == Level.FINE)
                        .map(LogRecord::getMessage).toList();
                assertThat(debug).as("the DEBUG line that names the mode").anySatisfy(m -> assertThat(m)
                        .contains("listens on").contains(expectsReusePort()
                                ? "one SO_REUSEPORT socket per loop" : "handing connections round robin"));
            }
        } finally {
            jul.setLevel(before);
        }
    }

    @Test
    void reusePort_200ClientsOverTwoLoopsReachBothLoopsAndEveryStreamStaysOnOneThread() {
        Map<Stream, Set<String>> threads = new ConcurrentHashMap<>();
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, threads)).get(WAIT);
            assertThat(server.mode()).isEqualTo(expectedMode());
            echoClients(server.port(), 200);
            List<Long> perLoop = server.acceptedPerLoop();
            System.out.println(provider().name() + ": 200 connections over a 2-loop group in mode " + server.mode()
                    + ", per loop: " + perLoop);
            assertThat(perLoop).as("connections per loop").hasSize(2).allMatch(c -> c > 0);
            assertThat(server.acceptedCount()).isEqualTo(200);
            runUntil(loop, () -> threads.size() == 200, "every server stream to be seen");
            Set<String> loopThreads = ConcurrentHashMap.newKeySet();
            threads.forEach((stream, seen) -> {
                assertThat(seen).as("threads of the callbacks of " + stream).hasSize(1);
                loopThreads.addAll(seen);
            });
            assertThat(loopThreads).containsExactlyInAnyOrder(PREFIX + "0", PREFIX + "1");
        }
    }

    @Test
    void reusePort_aListenerWithoutTheOptionCannotTakeTheGroupsPort() {
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, new ConcurrentHashMap<>())).get(WAIT);
            Future<Listener> intruder = awaitReady(loop.listen("127.0.0.1", server.port(), s -> { }));
            assertThat(intruder.isFailed()).as("a plain listener on the group's port " + server.port()).isTrue();
            assertThat(intruder.failure().category()).isEqualTo("listen");
        }
    }

    @Test
    void reusePort_closingTheGroupListenerClosesTheSocketOfEveryLoop() throws Exception {
        try (LoopGroup g = group(2)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, new ConcurrentHashMap<>())).get(WAIT);
            echoClients(server.port(), 20);
            server.close();
            drainEveryLoop(g);
            assertThat(server.isClosed()).isTrue();
            // with a socket left open on one loop, about half of these would still connect
            for (int i = 0; i < 20; i++) {
                Future<Stream> late = awaitReady(loop.connect("127.0.0.1", server.port()));
                assertThat(late.isFailed()).as("connect " + i + " after the listener closed").isTrue();
            }
        }
    }

    @Test
    void reusePort_gracefulShutdownStopsEveryLoopsSocket() {
        LoopGroup g = group(2);
        try {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, new ConcurrentHashMap<>())).get(WAIT);
            echoClients(server.port(), 20);
            CompletableFuture<Void> ended = g.shutdownGracefully(Duration.ofMillis(10), WAIT);
            runUntil(loop, ended::isDone, "the group to end");
            for (int i = 0; i < 20; i++) {
                Future<Stream> late = awaitReady(loop.connect("127.0.0.1", server.port()));
                assertThat(late.isFailed()).as("connect " + i + " after the shutdown").isTrue();
            }
        } finally {
            g.close();
        }
    }

    @Test
    void reusePort_turnedOffTheGroupHandsOffOnEveryBackend() {
        Map<Stream, Set<String>> threads = new ConcurrentHashMap<>();
        try (LoopGroup g = LoopGroup.builder().loops(2).provider(provider()).threadNamePrefix(PREFIX)
                .errorHandler(collector()).reusePort(false).build()) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, threads)).get(WAIT);
            assertThat(server.mode()).isEqualTo(GroupListener.Mode.HAND_OFF);
            assertThat(server.listeningLoops()).containsExactly(server.acceptorLoop());
            echoClients(server.port(), 10);
            assertThat(server.acceptedPerLoop()).containsExactly(5L, 5L);
        }
    }

    @Test
    void reusePort_aGroupOfOneListensLikeOneLoop() {
        Map<Stream, Set<String>> threads = new ConcurrentHashMap<>();
        try (LoopGroup g = group(1)) {
            GroupListener server = g.listen("127.0.0.1", 0, s -> echo(s, threads)).get(WAIT);
            assertThat(server.mode()).as("one loop needs no shared port").isEqualTo(GroupListener.Mode.HAND_OFF);
            assertThat(server.listeningLoops()).containsExactly(g.loops().get(0));
            echoClients(server.port(), 10);
            assertThat(server.acceptedPerLoop()).containsExactly(10L);
            runUntil(loop, () -> threads.size() == 10, "every server stream to be seen");
            threads.values().forEach(seen -> assertThat(seen).containsExactly(PREFIX + "0"));
            // like Loop.listen, the port is its alone: no SO_REUSEPORT on a group of one
            Future<Listener> intruder = awaitReady(loop.listen("127.0.0.1", server.port(), s -> { }));
            assertThat(intruder.isFailed()).isTrue();
        }
    }
}
