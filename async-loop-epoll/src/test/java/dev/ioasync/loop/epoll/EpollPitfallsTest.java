package dev.ioasync.loop.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import dev.ioasync.spi.Poller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One regression test per pitfall of driving Netty's epoll {@code IoHandler} from our own loop
 * (shared/notes/netty-native.md): pausing and resuming, one registration per descriptor, a
 * throwing callback costing no stall, and handles closed while watched.
 */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollPitfallsTest {

    private static final long WAIT_NANOS = Duration.ofSeconds(10).toNanos();

    private Poller poller;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        poller = new EpollLoopProvider().openPoller();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        poller.close();
    }

    private PipePair pipe() throws IOException {
        PipePair p = poller.handles().pipe();
        toClose.add(p);
        return p;
    }

    private static void write(IoHandle h, String s) throws IOException {
        assertThat(h.write(ByteBuffer.wrap(s.getBytes()))).isEqualTo(s.length());
    }

    /** Polls once; what was reported, attachment to ops. */
    private Map<Object, Integer> pollOnce(long timeoutNanos) throws IOException {
        Map<Object, Integer> got = new HashMap<>();
        poller.poll(timeoutNanos, (a, ops) -> got.merge(a, ops, (x, y) -> x | y));
        return got;
    }

    /** Polls until {@code key} is reported, failing after a bounded wait. */
    private int pollUntil(Object key) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            Integer ops = pollOnce(Duration.ofMillis(50).toNanos()).get(key);
            if (ops != null) {
                return ops;
            }
        }
        throw new AssertionError("timed out waiting for " + key);
    }

    // ------------------------------------------------------------------ pitfall 2: pause and resume

    @Test
    void pauseAndResumeInterestManyTimes() throws IOException {
        PipePair p = pipe();
        write(p.writer(), "x");
        PollRegistration r = poller.register(p.reader(), IoOps.READ, "reader");
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        for (int i = 0; i < 3; i++) {
            r.interest(IoOps.NONE); // Netty's NONE would EPOLL_CTL_DEL, then the next MOD fails with ENOENT
            assertThat(pollOnce(Duration.ofMillis(30).toNanos())).isEmpty();
            r.interest(IoOps.READ);
            assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        }
        assertThat(r.isValid()).isTrue();
        r.cancel();
    }

    @Test
    void registeringPausedThenResumingWorks() throws IOException {
        PipePair p = pipe();
        write(p.writer(), "x");
        PollRegistration r = poller.register(p.reader(), IoOps.NONE, "reader");
        assertThat(pollOnce(0)).isEmpty();
        r.interest(IoOps.READ);
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        r.cancel();
    }

    @Test
    void aPausedHandleWhosePeerHungUpDoesNotSpin() throws IOException {
        PipePair p = pipe();
        PollRegistration r = poller.register(p.reader(), IoOps.READ, "reader");
        r.interest(IoOps.NONE);
        p.writer().close(); // epoll reports EPOLLHUP whatever the mask
        int reported = 0;
        int returnedEarly = 0;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            reported += pollOnce(Duration.ofMillis(60).toNanos()).size();
            if (System.nanoTime() - t0 < Duration.ofMillis(50).toNanos()) {
                returnedEarly++;
            }
        }
        assertThat(reported).isZero();
        assertThat(returnedEarly).as("polls that returned early (at most the one that parked the handle)").isLessThanOrEqualTo(1);
        r.interest(IoOps.READ);
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        assertThat(p.reader().read(ByteBuffer.allocate(4))).isEqualTo(-1);
        r.cancel();
    }

    // ------------------------------------------------------------------ pitfall 3: one registration per fd

    @Test
    void oneRegistrationCarriesReadAndWriteInterest() throws IOException {
        ListenerHandle l = poller.handles().openListener(new InetSocketAddress("127.0.0.1", 0), 0);
        toClose.add(l);
        SocketHandle client = poller.handles().openSocket(StandardProtocolFamily.INET);
        toClose.add(client);
        PollRegistration lr = poller.register(l, IoOps.READ, "listener");
        if (!client.connect(l.localAddress())) {
            PollRegistration cr = poller.register(client, IoOps.WRITE, "connecting");
            pollUntil("connecting");
            assertThat(client.finishConnect()).isTrue();
            cr.cancel();
        }
        pollUntil("listener");
        SocketHandle server = l.accept();
        toClose.add(server);
        lr.cancel();

        PollRegistration r = poller.register(client, IoOps.ALL, "client");
        assertThat(pollUntil("client")).isEqualTo(IoOps.WRITE); // writable, nothing to read yet
        write(server, "ping");
        assertThat(pollUntil("client")).as("one report with both bits").isEqualTo(IoOps.ALL);
        r.interest(IoOps.WRITE);
        assertThat(pollUntil("client")).isEqualTo(IoOps.WRITE);
        r.interest(IoOps.READ);
        assertThat(pollUntil("client")).isEqualTo(IoOps.READ);
        ByteBuffer b = ByteBuffer.allocate(16);
        assertThat(client.read(b)).isEqualTo(4);
        r.cancel();
    }

    @Test
    void registeringAHandleAgainReplacesItsRegistrationCleanly() throws IOException {
        PipePair p = pipe();
        write(p.writer(), "x");
        PollRegistration first = poller.register(p.reader(), IoOps.READ, "first");
        PollRegistration second = poller.register(p.reader(), IoOps.READ, "second");
        assertThat(first.isValid()).isFalse();
        assertThat(pollUntil("second")).isEqualTo(IoOps.READ);
        first.cancel(); // must not take the second one out of the epoll set
        assertThat(pollUntil("second")).isEqualTo(IoOps.READ);
        assertThat(pollOnce(0)).doesNotContainKey("first");
        second.cancel();
    }

    // ------------------------------------------------------------------ pitfall 5: no stall after a throw

    @Test
    void aThrowingCallbackDoesNotStallTheNextEvent() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        try (Loop loop = Loop.builder().provider(new EpollLoopProvider()).errorHandler((e, s) -> errors.add(e)).build()) {
            PipePair a = loop.pipe();
            PipePair b = loop.pipe();
            toClose.add(a);
            toClose.add(b);
            int rounds = 5;
            long[] thrownAt = new long[rounds];
            long[] nextAt = new long[rounds];
            int[] round = {0};
            loop.watchIo(a.reader(), () -> {
                drain(a.reader());
                thrownAt[round[0]] = System.nanoTime();
                try {
                    write(b.writer(), "next");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new IllegalStateException("thrown on purpose in round " + round[0]);
            }, null);
            loop.watchIo(b.reader(), () -> {
                drain(b.reader());
                nextAt[round[0]] = System.nanoTime();
                round[0]++;
                if (round[0] < rounds) {
                    try {
                        write(a.writer(), "again");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }, null);
            write(a.writer(), "go");
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (round[0] < rounds && System.nanoTime() - deadline < 0) {
                loop.loopOnce(Duration.ofMillis(100));
            }
            assertThat(round[0]).isEqualTo(rounds);
            assertThat(errors).hasSize(rounds);
            for (int i = 0; i < rounds; i++) {
                assertThat(Duration.ofNanos(nextAt[i] - thrownAt[i])).as("round %d: throw to next event", i)
                        .isLessThan(Duration.ofMillis(500)); // Netty's back-off after an exception is 1 s
            }
        }
    }

    private static void drain(IoHandle h) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (h.read(buf.clear()) > 0) {
                // empty it
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ pitfall 6: no lost wake-ups

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost wake-up blocks for ever
    void aWakeupBeforeThePollKeepsItFromBlocking() throws Exception {
        Thread waker = new Thread(poller::wakeup);
        waker.start();
        waker.join();
        long t0 = System.nanoTime();
        poller.poll(-1, (a, ops) -> { }); // would block for ever if canBlock() missed the wake-up
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        long t1 = System.nanoTime();
        poller.poll(Duration.ofMillis(60).toNanos(), (a, ops) -> { }); // consumed: this one waits again
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost wake-up blocks for ever
    void aWakeupFromAnotherThreadEndsABlockedPoll() throws Exception {
        for (int i = 0; i < 20; i++) {
            Thread waker = new Thread(() -> {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                poller.wakeup();
            });
            waker.start();
            long t0 = System.nanoTime();
            poller.poll(Duration.ofSeconds(10).toNanos(), (a, ops) -> { });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("round %d", i).isLessThan(Duration.ofSeconds(5));
            waker.join();
        }
    }

    // ------------------------------------------------------------------ pitfall 7: heap buffers are copied

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void heapBuffersCopiedOnTheLoopThreadAndAnotherAtOnceArriveIntact() throws Exception {
        PipePair mine = pipe();
        PipePair theirs = pipe();
        // all watched: the loop thread copies through its poller's own buffer, the other through the pool
        poller.register(mine.reader(), IoOps.NONE, "mine-r");
        poller.register(mine.writer(), IoOps.NONE, "mine-w");
        poller.register(theirs.reader(), IoOps.NONE, "theirs-r");
        poller.register(theirs.writer(), IoOps.NONE, "theirs-w");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                go.await();
                throughHeapBuffers(theirs, 1);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        go.countDown();
        throughHeapBuffers(mine, 0);
        other.join();
        assertThat(failure.get()).isNull();
    }

    /** Writes and reads back heap buffers whose bytes tell the round and the thread ({@code parity}). */
    private static void throughHeapBuffers(PipePair p, int parity) throws IOException {
        byte[] out = new byte[4000];
        byte[] in = new byte[out.length];
        for (int round = 0; round < 2000; round++) {
            byte b = (byte) (2 * round + parity); // never a byte of the other thread
            Arrays.fill(out, b);
            assertThat(p.writer().write(ByteBuffer.wrap(out))).isEqualTo(out.length); // an empty pipe takes it all
            Arrays.fill(in, (byte) ~b);
            assertThat(p.reader().read(ByteBuffer.wrap(in))).isEqualTo(in.length);
            for (int i = 0; i < in.length; i++) {
                if (in[i] != b) {
                    throw new AssertionError("round " + round + ": byte " + i + " is " + in[i] + ", not " + b);
                }
            }
        }
    }

    // ------------------------------------------------------------------ closing while watched

    @Test
    void aHandleClosedWhileWatchedIsDroppedAndItsNumberCanBeReused() throws IOException {
        PipePair old = pipe();
        write(old.writer(), "stale");
        PollRegistration oldReg = poller.register(old.reader(), IoOps.READ, "old");
        old.reader().close();
        assertThat(oldReg.isValid()).isFalse();
        long t0 = System.nanoTime();
        assertThat(pollOnce(Duration.ofMillis(60).toNanos())).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        oldReg.interest(IoOps.ALL); // harmless on a closed handle
        // the kernel hands out the lowest free number: the new reader most likely reuses the old one
        PipePair fresh = pipe();
        write(fresh.writer(), "fresh");
        PollRegistration freshReg = poller.register(fresh.reader(), IoOps.READ, "fresh");
        oldReg.cancel(); // the stale registration must not take the new one out of the set
        assertThat(pollUntil("fresh")).isEqualTo(IoOps.READ);
        assertThat(pollOnce(0)).containsOnlyKeys("fresh");
        freshReg.cancel();
    }

    @Test
    void aHandleClosedOnAnotherThreadWhileThePollBlocksIsDropped() throws Exception {
        PipePair p = pipe();
        PollRegistration r = poller.register(p.reader(), IoOps.READ, "reader");
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(50); // let the poll block first; the poll has its own bound either way
                p.reader().close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (p.reader().isOpen() && System.nanoTime() - deadline < 0) {
            assertThat(pollOnce(Duration.ofMillis(200).toNanos())).isEmpty();
        }
        closer.join();
        assertThat(pollOnce(Duration.ofMillis(20).toNanos())).isEmpty();
        assertThat(r.isValid()).isFalse();
        PipePair fresh = pipe(); // may reuse the number: Netty asserts its table holds no live entry for it
        write(fresh.writer(), "x");
        poller.register(fresh.reader(), IoOps.READ, "fresh");
        assertThat(pollUntil("fresh")).isEqualTo(IoOps.READ);
        r.cancel();
    }

    @Test
    void closingThePollerWithLiveRegistrationsLeavesTheHandlesOpen() throws IOException {
        PipePair p = pipe();
        poller.register(p.reader(), IoOps.READ, "reader");
        poller.register(p.writer(), IoOps.WRITE, "writer");
        poller.close(); // Netty's prepareToDestroy would close handles it still knows
        assertThat(p.reader().isOpen()).isTrue();
        assertThat(p.writer().isOpen()).isTrue();
        write(p.writer(), "still works");
        poller = new EpollLoopProvider().openPoller();
    }
}
