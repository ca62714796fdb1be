package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.io.PipePair;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.StreamException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The write stall deadline: a peer that stops taking the bytes queued for it cannot hold a
 * connection and its write queue for ever. On a socket it is on by default (60 s): queued writes
 * fail with category {@code write-timeout}, {@code on_write_error} runs (without it, the
 * loop's error handlers get the error), and the stream closes;
 * every write that moves bytes starts the count again; pipes have none unless set; zero turns it
 * off. Time is stepped by hand ({@link ManualClockTck}); the sockets are real.
 */
public abstract class WriteStallTck extends ManualClockTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected WriteStallTck() {
    }

    private final List<SocketHandle> peers = new ArrayList<>();

    @AfterEach
    void closePeers() {
        for (SocketHandle h : peers) {
            try {
                h.close();
            } catch (IOException ignored) {
                // test clean-up
            }
        }
    }

    /** A client stream on {@link #manual}, connected to a peer that this test reads by hand (or never). */
    private Stream connectToSilentPeer() {
        Listener listener = ready(manual.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(peers::add), 0)).get();
        Stream c = ready(manual.connect("127.0.0.1", listener.port())).get();
        manual.add(c.onRead((s, b, e) -> ReadResult.WAIT));
        runUntil(manual, () -> !peers.isEmpty(), "the peer's accept");
        listener.close();
        return c;
    }

    private <T> Future<T> ready(Future<T> f) {
        runUntil(manual, f::isReady, "a future to become ready");
        return f;
    }

    /** Queues more than the socket buffers hold, so that bytes stay queued. */
    private Future<Void> fill(Stream c) {
        Future<Void> w = c.write(new byte[32 << 20]);
        manual.loopOnce(Duration.ZERO);
        assertThat(c.queuedBytes()).as("bytes left queued for the peer").isPositive();
        return w;
    }

    /** Reads from the peer until the stream has written some of its queue. */
    private void peerTakesSome(Stream c) throws IOException {
        long before = c.queuedBytes();
        peerReadsUntil(() -> c.queuedBytes() < before, "the stream to write some of its queue while its peer reads");
    }

    /** Reads from the peer, running the loop, until {@code done} holds. */
    private void peerReadsUntil(java.util.function.BooleanSupplier done, String what) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(1 << 20);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            sink.clear();
            peers.get(0).read(sink);
            manual.loopOnce(Duration.ofMillis(5));
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
        }
    }

    /** Without {@code on_write_error}, the stall went to the loop's error handlers, once. */
    private void assertOneStallErrorReachedTheLoop() {
        assertThat(drainLoopErrors()).singleElement().isInstanceOfSatisfying(StreamException.class,
                e -> assertThat(e.category()).isEqualTo("write-timeout"));
    }

    @Test
    void stall_aSocketPeerThatTakesNothingIsLetGoAtTheDefaultDeadline() {
        Stream c = connectToSilentPeer();
        List<IOException> errors = new ArrayList<>();
        c.onWriteError(errors::add);
        assertThat(c.writeStallTimeout()).as("the default, not a setting").isNull();
        assertThat(Stream.DEFAULT_WRITE_STALL_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        Future<Void> w = fill(c);
        clock.advance(Duration.ofSeconds(59));
        manual.loopOnce(Duration.ZERO);
        assertThat(c.isClosed()).as("59 s without progress: still waiting").isFalse();
        assertThat(w.isReady()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        runUntil(manual, c::isClosed, "the stall deadline to close the stream");
        assertThat(w.isFailed()).isTrue();
        assertThat(w.failure().category()).isEqualTo("write-timeout");
        assertThat(w.failure().getMessage()).contains("write stall timeout").contains("writeStallTimeout");
        assertThat(errors).singleElement().isInstanceOfSatisfying(StreamException.class,
                e -> assertThat(e.category()).isEqualTo("write-timeout"));
        assertThat(c.queuedBytes()).isZero();
    }

    @Test
    void stall_everyWriteThatMovesBytesStartsTheCountAgain() throws IOException {
        Stream c = connectToSilentPeer().writeStallTimeout(Duration.ofSeconds(10));
        Future<Void> w = fill(c);
        clock.advance(Duration.ofSeconds(8));
        manual.loopOnce(Duration.ZERO);
        peerTakesSome(c);
        clock.advance(Duration.ofSeconds(8));
        manual.loopOnce(Duration.ZERO);
        assertThat(c.isClosed()).as("16 s in, 8 s since the last progress").isFalse();
        clock.advance(Duration.ofSeconds(3));
        runUntil(manual, c::isClosed, "11 s without progress");
        assertThat(w.failure().category()).isEqualTo("write-timeout");
        assertOneStallErrorReachedTheLoop();
    }

    @Test
    void stall_closeWhenEmptyTowardAPeerThatTakesNothingEndsAtTheDeadline() {
        Stream c = connectToSilentPeer().writeStallTimeout(Duration.ofSeconds(5));
        Future<Void> w = fill(c);
        c.closeWhenEmpty();
        manual.loopOnce(Duration.ZERO);
        assertThat(c.isClosed()).as("lingering for the queue").isFalse();
        clock.advance(Duration.ofSeconds(6));
        runUntil(manual, c::isClosed, "the linger to end at the deadline");
        assertThat(w.failure().category()).isEqualTo("write-timeout");
        assertOneStallErrorReachedTheLoop();
    }

    @Test
    void stall_zeroTurnsItOffAndAQueueThatEmptiesStopsTheCount() throws IOException {
        Stream c = connectToSilentPeer().writeStallTimeout(Duration.ZERO);
        Future<Void> w = fill(c);
        clock.advance(Duration.ofMinutes(10));
        manual.loopOnce(Duration.ZERO);
        assertThat(c.isClosed()).as("off").isFalse();
        // on again; the peer then takes everything: an empty queue is not a stall
        c.writeStallTimeout(Duration.ofSeconds(1));
        Future<Void> more = c.write(new byte[1]);
        manual.loopOnce(Duration.ZERO);
        peerReadsUntil(more::isReady, "the peer to drain the queue");
        assertThat(w.isFailed()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        manual.loopOnce(Duration.ZERO);
        manual.loopOnce(Duration.ZERO);
        assertThat(c.isClosed()).as("nothing queued: nothing stalls").isFalse();
        c.closeNow();
    }

    @Test
    void stall_pipesHaveNoDefaultButTakeASetting() throws IOException {
        try (PipePair p = manual.pipe(); PipePair q = manual.pipe()) {
            Stream byDefault = new Stream(null, p.writer());
            Stream set = new Stream(null, q.writer()).writeStallTimeout(Duration.ofSeconds(2));
            manual.add(byDefault);
            manual.add(set);
            Future<Void> a = byDefault.write(new byte[4 << 20]);
            Future<Void> b = set.write(new byte[4 << 20]);
            manual.loopOnce(Duration.ZERO);
            assertThat(byDefault.queuedBytes()).isPositive();
            assertThat(set.queuedBytes()).isPositive();
            clock.advance(Duration.ofMinutes(5));
            runUntil(manual, set::isClosed, "the set deadline on a pipe");
            assertThat(b.failure().category()).isEqualTo("write-timeout");
            assertThat(byDefault.isClosed()).as("no default deadline on a pipe").isFalse();
            assertThat(a.isReady()).isFalse();
            assertOneStallErrorReachedTheLoop();
            byDefault.closeNow();
        }
    }

    @Test
    void stall_aNegativeTimeoutIsRefusedByName() {
        assertThatThrownBy(() -> new Stream().writeStallTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write stall timeout");
        assertThat(new Stream().writeStallTimeout(Duration.ofSeconds(3)).writeStallTimeout(null).writeStallTimeout())
                .as("null restores the default").isNull();
    }
}
