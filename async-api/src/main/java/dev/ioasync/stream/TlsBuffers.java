package dev.ioasync.stream;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;

/**
 * The three buffers a TLS connection needs, sized from its session and grown on demand:
 * {@code netIn} (bytes read from the socket, not yet decrypted; write mode),
 * {@code appIn} (decrypted bytes not yet handed out; write mode) and
 * {@code netOut} (encrypted bytes not yet written; read mode).
 */
final class TlsBuffers {

    ByteBuffer netIn;
    ByteBuffer appIn;
    ByteBuffer netOut;

    TlsBuffers(SSLEngine engine, byte[] initialNet) {
        int packet = engine.getSession().getPacketBufferSize();
        int app = engine.getSession().getApplicationBufferSize();
        netIn = ByteBuffer.allocate(Math.max(packet, initialNet.length));
        netIn.put(initialNet);
        appIn = ByteBuffer.allocate(app);
        netOut = ByteBuffer.allocate(packet).flip();
    }

    /** Makes room in {@code netIn} (write mode) for at least one more packet. */
    void roomInNetIn(SSLEngine engine) {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.remaining() < packet) {
            netIn = grow(netIn, netIn.position() + packet);
        }
    }

    void growAppIn(SSLEngine engine) {
        appIn = grow(appIn, appIn.position() + engine.getSession().getApplicationBufferSize());
    }

    /** Empties {@code netOut} for writing one more packet (it must have been flushed). */
    ByteBuffer netOutForWrap(SSLEngine engine) {
        int packet = engine.getSession().getPacketBufferSize();
        if (netOut.capacity() < packet) {
            netOut = ByteBuffer.allocate(packet);
        }
        return netOut.clear();
    }

    void growNetOut() {
        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
