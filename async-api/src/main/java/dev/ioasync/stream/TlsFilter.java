package dev.ioasync.stream;

import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * What a {@link Stream} reads and writes through once TLS is up: decrypts on read, encrypts on
 * write, over the stream's raw socket. Post-handshake messages (session tickets, key updates)
 * are handled as they come.
 */
final class TlsFilter {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private boolean inboundDone;
    private boolean needMoreNet;

    TlsFilter(SSLEngine engine, TlsBuffers buffers) {
        this.engine = engine;
        this.buffers = buffers;
    }

    SSLSession session() {
        return engine.getSession();
    }

    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Reads decrypted bytes; 0 when none are ready, -1 at end of the TLS session or the socket. */
    int read(IoHandle raw, ByteBuffer dst) throws IOException {
        while (true) {
            if (buffers.appIn.position() > 0) {
                return drainApp(dst);
            }
            if (inboundDone) {
                return -1;
            }
            if (buffers.netIn.position() > 0 && !needMoreNet) {
                if (unwrapOnce(raw)) {
                    continue;
                }
            }
            buffers.roomInNetIn(engine);
            int n = raw.read(buffers.netIn);
            if (n < 0) {
                inboundDone = true;
                try {
                    engine.closeInbound();
                } catch (SSLException truncated) {
                    // the peer closed without close_notify: treated as end of stream
                }
                return buffers.appIn.position() > 0 ? drainApp(dst) : -1;
            }
            if (n == 0) {
                return 0;
            }
            needMoreNet = false;
        }
    }

    /** Unwraps one record; false when more bytes must be read first. */
    private boolean unwrapOnce(IoHandle raw) throws IOException {
        buffers.netIn.flip();
        SSLEngineResult r = engine.unwrap(buffers.netIn, buffers.appIn);
        buffers.netIn.compact();
        afterHandshakeStep(raw, r);
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                buffers.growAppIn(engine);
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                needMoreNet = true;
                return false;
            }
            case CLOSED -> {
                inboundDone = true;
                return true;
            }
            default -> {
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            }
        }
    }

    private void afterHandshakeStep(IoHandle raw, SSLEngineResult r) throws IOException {
        SSLEngineResult.HandshakeStatus hs = r.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks(engine);
            hs = engine.getHandshakeStatus();
        }
        if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP && !buffers.netOut.hasRemaining()) {
            wrap(EMPTY);
            raw.write(buffers.netOut);
        }
    }

    private int drainApp(ByteBuffer dst) {
        ByteBuffer app = buffers.appIn.flip();
        int n = Math.min(app.remaining(), dst.remaining());
        ByteBuffer slice = app.slice(app.position(), n);
        dst.put(slice);
        app.position(app.position() + n);
        app.compact();
        return n;
    }

    /** Whether bytes can be read without waiting for the socket. */
    boolean hasBufferedInput() {
        return buffers.appIn.position() > 0 || (buffers.netIn.position() > 0 && !needMoreNet && !inboundDone);
    }

    /** Encrypts and writes; returns the plain bytes taken (0 when earlier output is still pending). */
    int write(IoHandle raw, ByteBuffer src) throws IOException {
        if (!flush(raw)) {
            return 0;
        }
        int consumed = wrap(src);
        raw.write(buffers.netOut);
        return consumed;
    }

    private int wrap(ByteBuffer src) throws IOException {
        while (true) {
            ByteBuffer out = buffers.netOutForWrap(engine);
            SSLEngineResult r = engine.wrap(src, out);
            out.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                buffers.growNetOut();
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
                throw new SSLException("cannot write: the TLS session is closed");
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks(engine);
            }
            return r.bytesConsumed();
        }
    }

    /** Whether encrypted bytes are waiting for the socket. */
    boolean hasPendingOutput() {
        return buffers.netOut.hasRemaining();
    }

    /** Writes pending encrypted bytes; true when none are left. */
    boolean flush(IoHandle raw) throws IOException {
        if (buffers.netOut.hasRemaining()) {
            raw.write(buffers.netOut);
        }
        return !buffers.netOut.hasRemaining();
    }

    /** Sends close_notify, as far as the socket takes it now. */
    void closeOutbound(IoHandle raw) {
        try {
            engine.closeOutbound();
            if (flush(raw)) {
                wrap(EMPTY);
                raw.write(buffers.netOut);
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway; the peer sees end of stream either way
        }
    }
}
