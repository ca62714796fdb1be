package dev.ioasync.loop.iouring;

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
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One regression test per pitfall of watching readiness with io_uring {@code POLL_ADD} through
 * Netty's {@code IoUringIoHandler} (docs/io_uring.md): one-shot polls and level-triggered
 * reports, asynchronous cancellation, pending polls holding the file, asynchronous registration
 * close, the single-issuer ring, and the pitfalls shared with epoll (pausing, one registration per
 * descriptor, no stall after a throw, no lost wake-up, handles closed while watched).
 */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringPitfallsTest {

    private static final long WAIT_NANOS = PollerTestKit.WAIT_NANOS;

    private Poller poller;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        poller = new IoUringLoopProvider().openPoller();
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
        return PollerTestKit.pollOnce(poller, timeoutNanos);
    }

    private static Map<Object, Integer> pollOnce(Poller p, long timeoutNanos) throws IOException {
        return PollerTestKit.pollOnce(p, timeoutNanos);
    }

    /** Polls until {@code key} is reported, failing after a bounded wait. */
    private int pollUntil(Object key) throws IOException {
        return PollerTestKit.pollUntil(poller, key);
    }

    /** A connected pair of this poller's sockets: [client, server]. */
    private SocketHandle[] connectedPair() throws IOException {
        return PollerTestKit.connectedPair(poller, toClose);
    }

    // ------------------------------------------------------------------ 1. one-shot polls, level-triggered reports

    @Test
    void dataLeftUnreadIsReportedAgainOnEveryPoll() throws IOException {
        PipePair p = pipe();
        poller.register(p.reader(), IoOps.READ, "reader");
        write(p.writer(), "abc");
        for (int i = 0; i < 3; i++) { // a one-shot poll is gone once it fired: re-armed, it fires again
            assertThat(pollUntil("reader")).as("poll %d", i).isEqualTo(IoOps.READ);
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        assertThat(p.reader().read(b)).isEqualTo(1); // some read, some left
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void dataReadAfterThePollIsNotReportedTwice() throws IOException {
        PipePair p = pipe();
        poller.register(p.reader(), IoOps.READ, "reader");
        for (int i = 0; i < 5; i++) {
            write(p.writer(), "x" + i);
            List<Integer> reports = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (reports.isEmpty() && System.nanoTime() - deadline < 0) {
                // a poll re-armed inside Netty's run() would fire again at once, before anything was read
                poller.poll(Duration.ofMillis(50).toNanos(), (a, ops) -> reports.add(ops));
            }
            assertThat(reports).as("round %d: one report per poll", i).containsExactly(IoOps.READ);
            assertThat(p.reader().read(ByteBuffer.allocate(16))).isEqualTo(2);
            assertThat(pollOnce(Duration.ofMillis(30).toNanos())).as("round %d: read, so nothing more", i).isEmpty();
        }
    }

    // ------------------------------------------------------------------ 2. cancellation completes later, with -ECANCELED

    @Test
    void interestChangesWithdrawNothingSoABlockingPollIsNotWokenForNothing() throws IOException {
        SocketHandle[] pair = connectedPair();
        SocketHandle client = pair[0];
        PollRegistration r = poller.register(client, IoOps.READ, "client");
        assertThat(pollOnce(0)).isEmpty(); // the read poll is now pending in the kernel
        for (int i = 0; i < 3; i++) {
            r.interest(IoOps.ALL); // a write poll beside the pending read poll, not a withdraw-and-re-add
            assertThat(pollUntil("client")).as("round %d", i).isEqualTo(IoOps.WRITE);
            r.interest(IoOps.NONE); // the read poll stays pending, filtered
            r.interest(IoOps.READ); // and is kept
            // a withdrawn poll's -ECANCELED completion would end this wait at once
            assertThat(blockedFor(Duration.ofMillis(60))).as("round %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
        write(pair[1], "ping");
        assertThat(pollUntil("client")).isEqualTo(IoOps.READ);
        r.cancel();
    }

    @Test
    void aCancelledWatchsLateCompletionsAreNeverReported() throws IOException {
        SocketHandle[] pair = connectedPair();
        PollRegistration r = poller.register(pair[0], IoOps.READ, "client");
        assertThat(pollOnce(0)).isEmpty(); // the read poll is pending
        r.cancel(); // withdrawn: ASYNC_CANCEL's result and the poll's -ECANCELED (-125: every poll bit) come later
        write(pair[1], "ping");
        int early = 0;
        for (int i = 0; i < 3; i++) {
            Duration waited = blockedFor(Duration.ofMillis(60));
            if (waited.compareTo(Duration.ofMillis(50)) < 0) {
                early++;
            }
        }
        assertThat(early).as("polls ended early by the withdrawal's own completions").isLessThanOrEqualTo(1);
        PollRegistration again = poller.register(pair[0], IoOps.WRITE, "again");
        assertThat(pollUntil("again")).isEqualTo(IoOps.WRITE);
        again.cancel();
    }

    /** Polls once for at most {@code timeout}, asserting nothing is reported; how long it blocked. */
    private Duration blockedFor(Duration timeout) throws IOException {
        long t0 = System.nanoTime();
        assertThat(pollOnce(timeout.toNanos())).isEmpty();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void pauseAndResumeInterestManyTimes() throws IOException {
        PipePair p = pipe();
        write(p.writer(), "x");
        PollRegistration r = poller.register(p.reader(), IoOps.READ, "reader");
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        for (int i = 0; i < 3; i++) {
            r.interest(IoOps.NONE);
            assertThat(pollOnce(Duration.ofMillis(30).toNanos())).isEmpty();
            r.interest(IoOps.READ);
            assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        }
        assertThat(r.isValid()).isTrue();
        r.cancel();
    }

    @Test
    void aPausedHandleWhosePeerHungUpDoesNotSpin() throws IOException {
        PipePair p = pipe();
        PollRegistration r = poller.register(p.reader(), IoOps.READ, "reader");
        assertThat(pollOnce(0)).isEmpty(); // the read poll is pending
        r.interest(IoOps.NONE); // it stays pending; what it reports is filtered
        p.writer().close(); // the pending poll completes with POLLHUP: not reported, not armed again
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
        assertThat(returnedEarly).as("polls that returned early (at most the one that saw the hang-up)").isLessThanOrEqualTo(1);
        r.interest(IoOps.READ);
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        assertThat(p.reader().read(ByteBuffer.allocate(4))).isEqualTo(-1);
        r.cancel();
    }

    // ------------------------------------------------------------------ 3. a pending poll holds the file

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a poll left pending can hang the close
    void closingAWatchedSocketShutsItDownAtOnce() throws IOException {
        SocketHandle[] pair = connectedPair();
        poller.register(pair[1], IoOps.READ, "server");
        assertThat(pollOnce(0)).isEmpty(); // the read poll is pending and holds the socket's file
        pair[1].close();
        assertPeerSeesEndOfStream(pair[0]);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a poll left pending can hang the close
    void closingAWatchedSocketOnAnotherThreadWhileThePollBlocksShutsItDown() throws Exception {
        SocketHandle[] pair = connectedPair();
        PollRegistration r = poller.register(pair[1], IoOps.READ, "server");
        assertThat(pollOnce(0)).isEmpty();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                pair[1].close(); // queues the withdrawal to the loop thread and wakes its poll
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!closed.isDone() && System.nanoTime() - deadline < 0) {
            assertThat(pollOnce(Duration.ofMillis(200).toNanos())).isEmpty();
        }
        closed.get(10, TimeUnit.SECONDS);
        assertThat(r.isValid()).isFalse();
        assertPeerSeesEndOfStream(pair[0]);
    }

    /** Keeps the loop polling until {@code peer} reads end of stream, failing after a bounded wait. */
    private void assertPeerSeesEndOfStream(SocketHandle peer) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0) {
            int n = peer.read(b.clear());
            if (n == -1) {
                return;
            }
            assertThat(n).as("nothing was sent").isZero();
            pollOnce(Duration.ofMillis(20).toNanos()); // submits the withdrawal: the socket's last reference goes
        }
        throw new AssertionError("the peer never saw end of stream: the closed socket is still held by a poll");
    }

    // ------------------------------------------------------------------ 4. a registration's close is asynchronous

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a poll left pending can hang the close
    void closingPollersWithPendingPollsDoesNotWaitForThem() throws IOException {
        long fastest = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            Poller p = new IoUringLoopProvider().openPoller();
            for (int i = 0; i < 8; i++) {
                PipePair pipe = p.handles().pipe();
                toClose.add(pipe);
                p.register(pipe.reader(), IoOps.READ, "reader" + i);
            }
            assertThat(pollOnce(p, 0)).isEmpty(); // eight polls pending
            long t0 = System.nanoTime();
            p.close(); // Netty drains the ring: a poll still pending makes it wait 200 ms, or for ever
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        assertThat(Duration.ofNanos(fastest)).isLessThan(Duration.ofMillis(150));
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a poll left pending can hang the close
    void closingThePollerWithLiveRegistrationsLeavesTheHandlesOpen() throws IOException {
        PipePair p = pipe();
        poller.register(p.reader(), IoOps.READ, "reader");
        poller.register(p.writer(), IoOps.WRITE, "writer");
        pollOnce(0);
        poller.close(); // Netty's prepareToDestroy closes the handles of registrations it still holds
        assertThat(p.reader().isOpen()).isTrue();
        assertThat(p.writer().isOpen()).isTrue();
        write(p.writer(), "still works");
        poller = new IoUringLoopProvider().openPoller();
    }

    @Test
    void registeringAHandleAgainReplacesItsRegistrationCleanly() throws IOException {
        PipePair p = pipe();
        write(p.writer(), "x");
        PollRegistration first = poller.register(p.reader(), IoOps.READ, "first");
        PollRegistration second = poller.register(p.reader(), IoOps.READ, "second");
        assertThat(first.isValid()).isFalse();
        assertThat(pollUntil("second")).isEqualTo(IoOps.READ);
        first.cancel();
        assertThat(pollUntil("second")).isEqualTo(IoOps.READ);
        assertThat(pollOnce(0)).doesNotContainKey("first");
        second.cancel();
    }

    // ------------------------------------------------------------------ 5. threads: single issuer, ended threads

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPollerMadeOnOneThreadPollsOnAnother() throws Exception {
        PipePair p = pipe();
        poller.register(p.reader(), IoOps.READ, "reader");
        write(p.writer(), "x");
        AtomicReference<Integer> got = new AtomicReference<>();
        // a single-issuer ring (Netty's default) refuses io_uring_enter from any thread but its creator
        Thread other = new Thread(() -> {
            try {
                got.set(pollUntil("reader"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        other.start();
        other.join();
        assertThat(got.get()).isEqualTo(IoOps.READ);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPollArmedByAThreadThatEndedStillReports() throws Exception {
        PipePair p = pipe();
        Thread armer = new Thread(() -> {
            try {
                poller.register(p.reader(), IoOps.READ, "reader");
                assertThat(pollOnce(0)).isEmpty(); // submitted by this thread, which then ends
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        armer.start();
        armer.join();
        write(p.writer(), "x");
        assertThat(pollUntil("reader")).isEqualTo(IoOps.READ);
        assertThat(p.reader().read(ByteBuffer.allocate(4))).isEqualTo(1);
        assertThat(pollOnce(Duration.ofMillis(20).toNanos())).isEmpty();
    }

    // ------------------------------------------------------------------ shared with epoll

    @Test
    void oneRegistrationCarriesReadAndWriteInterest() throws IOException {
        SocketHandle[] pair = connectedPair();
        SocketHandle client = pair[0];
        PollRegistration r = poller.register(client, IoOps.ALL, "client");
        assertThat(pollUntil("client")).isEqualTo(IoOps.WRITE); // writable, nothing to read yet
        write(pair[1], "ping");
        assertThat(pollUntil("client")).as("one report with both bits").isEqualTo(IoOps.ALL);
        r.interest(IoOps.WRITE);
        assertThat(pollUntil("client")).isEqualTo(IoOps.WRITE);
        r.interest(IoOps.READ);
        assertThat(pollUntil("client")).isEqualTo(IoOps.READ);
        assertThat(client.read(ByteBuffer.allocate(16))).isEqualTo(4);
        r.cancel();
    }

    @Test
    void aThrowingCallbackDoesNotStallTheNextEvent() throws IOException {
        List<Throwable> errors = new ArrayList<>();
        try (Loop loop = Loop.builder().provider(new IoUringLoopProvider()).errorHandler((e, s) -> errors.add(e)).build()) {
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
                writeUnchecked(b.writer(), "next");
                throw new IllegalStateException("thrown on purpose in round " + round[0]);
            }, null);
            loop.watchIo(b.reader(), () -> {
                drain(b.reader());
                nextAt[round[0]] = System.nanoTime();
                round[0]++;
                if (round[0] < rounds) {
                    writeUnchecked(a.writer(), "again");
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
                        .isLessThan(Duration.ofMillis(500)); // Netty's back-off after an exception in its loop
            }
        }
    }

    private static void writeUnchecked(IoHandle h, String s) {
        try {
            write(h, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(IoHandle h) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (h.read(buf.clear()) > 0) {
                // empty it
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost wake-up blocks for ever
    void aWakeupBeforeThePollKeepsItFromBlocking() throws Exception {
        Thread waker = new Thread(poller::wakeup);
        waker.start();
        waker.join();
        long t0 = System.nanoTime();
        poller.poll(-1, (a, ops) -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        // consumed; but the eventfd count it left is read by the next blocking poll, which may end at once
        if (blockedFor(Duration.ofMillis(60)).compareTo(Duration.ofMillis(50)) < 0) {
            assertThat(blockedFor(Duration.ofMillis(60))).as("the poll after that waits").isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost wake-up blocks for ever
    void aWakeupFromAnotherThreadEndsABlockedPoll() throws Exception {
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Void> woken = CompletableFuture.runAsync(poller::wakeup,
                    CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
            long t0 = System.nanoTime();
            poller.poll(Duration.ofSeconds(10).toNanos(), (a, ops) -> { });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("round %d", i).isLessThan(Duration.ofSeconds(5));
            woken.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHandleClosedWhileWatchedIsDroppedAndItsNumberCanBeReused() throws IOException {
        PipePair old = pipe();
        write(old.writer(), "stale");
        PollRegistration oldReg = poller.register(old.reader(), IoOps.READ, "old");
        old.reader().close();
        assertThat(oldReg.isValid()).isFalse();
        // the withdrawal's own completions may end one poll early; nothing is reported
        if (blockedFor(Duration.ofMillis(60)).compareTo(Duration.ofMillis(50)) < 0) {
            assertThat(blockedFor(Duration.ofMillis(60))).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
        oldReg.interest(IoOps.ALL); // harmless on a closed handle
        PipePair fresh = pipe(); // the kernel hands out the lowest free number: most likely the old one
        write(fresh.writer(), "fresh");
        PollRegistration freshReg = poller.register(fresh.reader(), IoOps.READ, "fresh");
        oldReg.cancel();
        assertThat(pollUntil("fresh")).isEqualTo(IoOps.READ);
        assertThat(pollOnce(0)).containsOnlyKeys("fresh");
        freshReg.cancel();
    }
}
