package dev.ioasync.group;

import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * A listening socket of a {@link LoopGroup}: one {@link Listener} on one loop of the group (the
 * acceptor) hands each accepted socket to the group's loops in turn, round robin, the acceptor's
 * own loop included. The socket becomes a {@link Stream} on the loop it was handed to, is added
 * there, and never moves; {@code onStream} runs on that loop's thread. With TLS the handshake
 * also runs on that loop.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class GroupListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GroupListener.class.getName());

    private final LoopGroup group;
    private final Loop acceptor;
    private final Consumer<Stream> onStream;
    private final TlsOptions tls;
    private final AtomicLongArray perLoop;
    private volatile Listener listener;
    private volatile SocketAddress address;
    private volatile boolean closed;
    /** The next loop to get a connection; touched only on the acceptor's thread. */
    private int turn;

    GroupListener(LoopGroup group, Loop acceptor, Consumer<Stream> onStream, TlsOptions tls) {
        this.group = group;
        this.acceptor = acceptor;
        this.onStream = onStream;
        this.tls = tls;
        this.perLoop = new AtomicLongArray(group.size());
    }

    /** Makes the acceptor's listener on its listening handle; on the acceptor's thread. */
    Listener bind(dev.ioasync.io.ListenerHandle handle) {
        Listener l = new Listener(handle).onAccept(this::handOff);
        try {
            this.address = handle.localAddress();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the address of " + handle, e);
        }
        this.listener = l;
        turn = group.loops().indexOf(acceptor);
        return l;
    }

    /** {@return the address it listens on} */
    public SocketAddress localAddress() {
        return address;
    }

    /** {@return the port it listens on: the real one when it was bound to port 0} */
    public int port() {
        return ((InetSocketAddress) address).getPort();
    }

    /** {@return the loop whose thread accepts the connections} */
    public Loop acceptorLoop() {
        return acceptor;
    }

    /**
     * {@return how many connections each loop of the group got, index for index with
     *     {@link LoopGroup#loops()}} A connection counts when it reaches its loop.
     */
    public List<Long> acceptedPerLoop() {
        Long[] counts = new Long[perLoop.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = perLoop.get(i);
        }
        return List.of(counts);
    }

    /** {@return how many connections reached a loop in all} */
    public long acceptedCount() {
        long sum = 0;
        for (int i = 0; i < perLoop.length(); i++) {
            sum += perLoop.get(i);
        }
        return sum;
    }

    /** {@return whether it stopped listening} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops accepting and closes the listening socket (on the acceptor's thread; at once when
     * called there). Connections already accepted go on. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (acceptor.inLoopThread()) {
            closeOnAcceptor();
        } else {
            try {
                acceptor.later(this::closeOnAcceptor);
            } catch (IllegalStateException loopClosed) {
                // the group closed the acceptor's loop and its handles
            }
        }
    }

    void closeOnAcceptor() {
        closed = true;
        Listener l = listener;
        if (l != null && !l.isClosed()) {
            l.close();
        }
    }

    /** On the acceptor's thread: the next loop in turn gets the socket. */
    private void handOff(SocketHandle s) {
        List<Loop> loops = group.loops();
        int index = turn;
        turn = (turn + 1) % loops.size();
        Loop target = loops.get(index);
        if (target == acceptor) {
            adopt(target, index, s);
            return;
        }
        try {
            target.later(() -> adopt(target, index, s));
        } catch (IllegalStateException loopClosed) {
            closeQuietly(s);
        }
    }

    /** On the target loop's thread: the socket becomes a stream of that loop. */
    private void adopt(Loop target, int index, SocketHandle s) {
        if (target.isClosed() || group.isClosed()) {
            closeQuietly(s);
            return;
        }
        perLoop.incrementAndGet(index);
        if (tls == null) {
            deliver(target, new Stream(s));
            return;
        }
        Tls.server(target, s, tls).onReady(f -> {
            if (f.isDone() && !target.isClosed()) {
                deliver(target, f.value());
            } else {
                LOG.log(System.Logger.Level.INFO, () -> this + ": " + (f.isDone() ? "closed before the handshake ended"
                        : f.isFailed() ? f.failure().getMessage() : "handshake cancelled"));
                if (f.isDone()) {
                    f.value().closeNow();
                } else {
                    closeQuietly(s);
                }
            }
        });
    }

    private void deliver(Loop target, Stream stream) {
        try {
            onStream.accept(stream);
        } finally {
            if (stream.loop() == null && stream.parent() == null && !stream.isClosed()) {
                target.add(stream);
            }
        }
    }

    private static void closeQuietly(SocketHandle s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing a socket nobody can take: " + e);
        }
    }

    @Override
    public String toString() {
        return "GroupListener[" + address + ", acceptor " + acceptor + "]";
    }
}
