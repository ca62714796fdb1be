package dev.ioasync.net;

import dev.ioasync.Future;
import dev.ioasync.io.DatagramHandle;
import dev.ioasync.stream.Handle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A datagram socket on the loop: IO::Async::Socket. Each datagram received goes to
 * {@link #onRecv(BiConsumer) on_recv} with its sender; {@link #send} queues a datagram and
 * returns a future done when it was handed to the operating system.
 */
public class DatagramSocket extends Handle {

    private static final int MAX_RECV_PER_READY = 64;

    private final DatagramHandle socket;
    private BiConsumer<byte[], SocketAddress> onRecv;
    private Consumer<IOException> onRecvError;
    private Consumer<IOException> onSendError;
    private int recvLen = 65536;
    private ByteBuffer recvBuffer;
    private final ArrayDeque<Outgoing> sendQueue = new ArrayDeque<>();

    private record Outgoing(ByteBuffer data, SocketAddress to, Future<Void> future) {
    }

    /**
     * Creates the notifier on a datagram handle.
     *
     * @param socket the handle (see {@link dev.ioasync.Loop#handles()})
     */
    public DatagramSocket(DatagramHandle socket) {
        super(socket);
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /**
     * Sets what receives each datagram and its sender.
     *
     * @param code the callback
     * @return this
     */
    public DatagramSocket onRecv(BiConsumer<byte[], SocketAddress> code) {
        this.onRecv = code;
        if (loop() != null && code != null) {
            wantReadReady(true);
        }
        return this;
    }

    /**
     * Sets what receives receive errors.
     *
     * @param code the callback
     * @return this
     */
    public DatagramSocket onRecvError(Consumer<IOException> code) {
        this.onRecvError = code;
        return this;
    }

    /**
     * Sets what receives send errors (each also fails its send's future).
     *
     * @param code the callback
     * @return this
     */
    public DatagramSocket onSendError(Consumer<IOException> code) {
        this.onSendError = code;
        return this;
    }

    /**
     * Sets the largest datagram received whole; longer ones are cut (default 65536).
     *
     * @param len more than zero
     * @return this
     */
    public DatagramSocket recvLen(int len) {
        if (len <= 0) {
            throw new IllegalArgumentException("recv_len must be more than zero, not " + len);
        }
        this.recvLen = len;
        this.recvBuffer = null;
        return this;
    }

    /** {@return the datagram handle} */
    public DatagramHandle datagramHandle() {
        return socket;
    }

    /**
     * {@return the local address}
     *
     * @throws java.io.UncheckedIOException when the socket is closed
     */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) socket.localAddress();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the address of " + this, e);
        }
    }

    /**
     * Sends one datagram.
     *
     * @param data the bytes (copied)
     * @param to where
     * @return a future done when it was sent, failed with category {@code send} on error
     */
    public Future<Void> send(byte[] data, SocketAddress to) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(to, "to");
        Future<Void> f = newFuture();
        if (isClosed()) {
            return f.fail("cannot send on " + this + ": it is closed", "closed");
        }
        sendQueue.addLast(new Outgoing(ByteBuffer.wrap(data.clone()), to, f));
        if (loop() != null) {
            flushSends();
        }
        return f;
    }

    @Override
    protected void addedToLoop(dev.ioasync.Loop loop) {
        super.addedToLoop(loop);
        if (onRecv != null) {
            wantReadReady(true);
        }
        if (!sendQueue.isEmpty()) {
            wantWriteReady(true);
        }
    }

    @Override
    protected void readReady() {
        if (recvBuffer == null) {
            recvBuffer = ByteBuffer.allocateDirect(recvLen);
        }
        for (int i = 0; i < MAX_RECV_PER_READY && !isClosed(); i++) {
            SocketAddress from;
            try {
                from = socket.receive(recvBuffer.clear());
            } catch (IOException e) {
                if (onRecvError != null) {
                    invokeEvent("on_recv_error", () -> onRecvError.accept(e));
                } else {
                    invokeError(e);
                }
                return;
            }
            if (from == null) {
                return;
            }
            recvBuffer.flip();
            byte[] bytes = new byte[recvBuffer.remaining()];
            recvBuffer.get(bytes);
            if (onRecv != null) {
                invokeEvent("on_recv", () -> onRecv.accept(bytes, from));
            }
        }
    }

    @Override
    protected void writeReady() {
        flushSends();
    }

    private void flushSends() {
        Outgoing o;
        while ((o = sendQueue.peekFirst()) != null) {
            int n;
            try {
                n = socket.send(o.data(), o.to());
            } catch (IOException e) {
                sendQueue.removeFirst();
                o.future().fail("send to " + o.to() + " failed: " + e.getMessage(), "send", e);
                if (onSendError != null) {
                    invokeEvent("on_send_error", () -> onSendError.accept(e));
                }
                continue;
            }
            if (n == 0) {
                wantWriteReady(true);
                return;
            }
            sendQueue.removeFirst();
            o.future().done(null);
        }
        if (isWantingWriteReady()) {
            wantWriteReady(false);
        }
    }

    @Override
    protected void closed() {
        Outgoing o;
        while ((o = sendQueue.pollFirst()) != null) {
            o.future().fail("socket " + this + " closed before the datagram was sent", "closed");
        }
    }

    @Override
    public String toString() {
        String base = super.toString();
        try {
            return base + "(" + socket.localAddress() + ")";
        } catch (IOException | RuntimeException e) {
            return base + Arrays.asList("closed");
        }
    }
}
