package dev.ioasync.stream;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Runs a TLS handshake on a raw socket, driven by the loop's readiness, before a stream takes
 * the socket over. Fails with category {@code tls} and the engine's reason (an untrusted
 * certificate, a name that does not match, a peer that does not speak TLS), or with the message
 * {@code handshake timed out} when it takes longer than its deadline; a handshake that timed out
 * also closes the socket, so that a silent peer holds no file descriptor past the deadline.
 */
final class TlsHandshake {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Loop loop;
    private final SocketHandle raw;
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private final String peer;
    private final Future<TlsFilter> result;
    private boolean watching;
    private Cancellable deadline;

    private TlsHandshake(Loop loop, SocketHandle raw, SSLEngine engine, byte[] initialNet, String peer) {
        this.loop = loop;
        this.raw = raw;
        this.engine = engine;
        this.buffers = new TlsBuffers(engine, initialNet);
        this.peer = peer;
        this.result = new Future<>(loop);
    }

    /**
     * Starts the handshake.
     *
     * @param loop the loop
     * @param raw the connected socket
     * @param engine the engine, in client or server mode, parameters set
     * @param initialNet bytes already read from the socket that belong to TLS
     * @param peer the peer's description, for messages
     * @param timeout the deadline; zero for none
     * @return the filter a stream uses after the handshake
     */
    static Future<TlsFilter> start(Loop loop, SocketHandle raw, SSLEngine engine, byte[] initialNet, String peer,
            Duration timeout) {
        TlsHandshake h = new TlsHandshake(loop, raw, engine, initialNet, peer);
        dev.ioasync.observe.TlsHandshakeEvent.watch(loop.observer(), h.result, peer, engine.getUseClientMode());
        h.result.onCancel(() -> {
            h.cancelDeadline();
            h.unwatch();
        });
        if (!timeout.isZero()) {
            h.deadline = loop.watchTimeAfter(timeout, () -> h.timedOut(timeout));
        }
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            return h.fail(e);
        }
        h.step();
        return h.result;
    }

    private void step() {
        if (result.isReady()) {
            return;
        }
        try {
            while (true) {
                if (buffers.netOut.hasRemaining()) {
                    raw.write(buffers.netOut);
                    if (buffers.netOut.hasRemaining()) {
                        watch(false);
                        return;
                    }
                }
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> TlsFilter.runTasks(engine);
                    case NEED_WRAP -> wrap();
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrap()) {
                            return;
                        }
                    }
                    default -> {
                        finish();
                        return;
                    }
                }
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void wrap() throws IOException {
        while (true) {
            ByteBuffer out = buffers.netOutForWrap(engine);
            SSLEngineResult r = engine.wrap(EMPTY, out);
            out.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                buffers.growNetOut();
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && !out.hasRemaining()) {
                throw new SSLException("the TLS engine closed during the handshake");
            }
            return;
        }
    }

    /** Unwraps what is there, reading more when needed; false when it must wait for the socket. */
    private boolean unwrap() throws IOException {
        buffers.netIn.flip();
        SSLEngineResult r = engine.unwrap(buffers.netIn, buffers.appIn);
        buffers.netIn.compact();
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                buffers.growAppIn(engine);
                return true;
            }
            case CLOSED -> throw new SSLException("the peer closed the TLS session during the handshake");
            case BUFFER_UNDERFLOW -> {
                return readMore();
            }
            default -> {
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                        && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                    return readMore();
                }
                return true;
            }
        }
    }

    private boolean readMore() throws IOException {
        buffers.roomInNetIn(engine);
        int n = raw.read(buffers.netIn);
        if (n < 0) {
            throw new SSLException("the peer closed the connection during the TLS handshake");
        }
        if (n == 0) {
            watch(true);
            return false;
        }
        return true;
    }

    private void watch(boolean read) {
        watching = true;
        loop.watchIo(raw, read ? this::step : null, read ? null : this::step);
    }

    private void unwatch() {
        if (watching) {
            watching = false;
            loop.unwatchIo(raw);
        }
    }

    private void timedOut(Duration timeout) {
        deadline = null;
        if (result.isReady()) {
            return;
        }
        unwatch();
        Handle.closeQuietly(raw);
        result.fail("handshake timed out", "tls", peer, timeout);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    private void finish() {
        cancelDeadline();
        unwatch();
        result.done(new TlsFilter(engine, buffers));
    }

    private Future<TlsFilter> fail(IOException e) {
        cancelDeadline();
        unwatch();
        try {
            engine.closeOutbound();
            wrap();
            raw.write(buffers.netOut); // best effort: tell the peer why (an alert)
        } catch (IOException | RuntimeException ignored) {
            // the handshake already failed; that is what is reported
        }
        if (!result.isReady()) {
            result.fail("TLS handshake with " + peer + " failed: " + e.getMessage(), "tls", peer, e);
        }
        return result;
    }
}
