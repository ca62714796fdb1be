package dev.ioasync.group;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A listening port of a {@link LoopGroup}, served by the group's loops in one of two
 * {@linkplain Mode modes}:
 * <ul>
 * <li>{@link Mode#REUSE_PORT}: every loop has its own listening socket on the port, bound with
 *     {@code SO_REUSEPORT}, and the kernel spreads the incoming connections over them (by a hash
 *     of the connection's addresses); each loop accepts its own. Used where the backend's
 *     {@link dev.ioasync.spi.IoHandleFactory#supportsReusePort()} says the kernel does that
 *     (Linux: epoll, io_uring and select), the group has more than one loop and
 *     {@link LoopGroupBuilder#reusePort(boolean)} was not turned off.</li>
 * <li>{@link Mode#HAND_OFF}: one {@link Listener} on one loop of the group (the acceptor) hands
 *     each accepted socket to the group's loops in turn, round robin, the acceptor's own loop
 *     included. Used everywhere else (kqueue, select off Linux, a group of one loop).</li>
 * </ul>
 * Either way a socket becomes a {@link Stream} on the loop it reached, is added there, and never
 * moves; {@code onStream} runs on that loop's thread. With TLS the handshake also runs on that
 * loop. Which mode was chosen, and why, is logged at {@code DEBUG} and told by {@link #mode()}.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class GroupListener implements AutoCloseable {

    /** How a {@link GroupListener} spreads its connections over the loops. */
    public enum Mode {
        /** One listening socket per loop with {@code SO_REUSEPORT}; the kernel spreads the connections. */
        REUSE_PORT,
        /** One acceptor loop hands each accepted socket to the loops round robin. */
        HAND_OFF
    }

    private static final System.Logger LOG = System.getLogger(GroupListener.class.getName());

    private final LoopGroup group;
    private final Mode mode;
    private final Loop acceptor;
    private final Consumer<Stream> onStream;
    private final TlsOptions tls;
    private final AtomicLongArray perLoop;
    /** Slot {@code i}: the listener of loop {@code i}, set and closed on that loop's thread. */
    private final AtomicReferenceArray<Listener> listeners;
    private volatile SocketAddress address;
    private volatile boolean closed;
    /** The next loop to get a connection in {@link Mode#HAND_OFF}; touched only on the acceptor's thread. */
    private int turn;
    /** Loops whose listener is not registered yet; touched only on the acceptor's thread. */
    private int unregistered;

    GroupListener(LoopGroup group, Mode mode, Loop acceptor, Consumer<Stream> onStream, TlsOptions tls) {
        this.group = group;
        this.mode = mode;
        this.acceptor = acceptor;
        this.onStream = onStream;
        this.tls = tls;
        this.perLoop = new AtomicLongArray(group.size());
        this.listeners = new AtomicReferenceArray<>(group.size());
    }

    /** {@link Mode#HAND_OFF}: makes the acceptor's listener on its listening handle; on the acceptor's thread. */
    Listener bind(ListenerHandle handle) {
        int index = group.loops().indexOf(acceptor);
        Listener l = new Listener(handle).onAccept(this::handOff);
        this.address = addressOf(handle);
        listeners.set(index, l);
        turn = index;
        return l;
    }

    /**
     * {@link Mode#REUSE_PORT}: gives each loop its handle ({@code handles[i]} to loop {@code i})
     * and returns a future of the acceptor's loop done once every loop listens on it; on the
     * acceptor's thread.
     */
    Future<GroupListener> bindEach(ListenerHandle[] handles) {
        this.address = addressOf(handles[group.loops().indexOf(acceptor)]);
        Future<GroupListener> ready = acceptor.newFuture();
        unregistered = handles.length;
        List<Loop> loops = group.loops();
        for (int i = 0; i < handles.length; i++) {
            int index = i;
            Loop target = loops.get(i);
            ListenerHandle h = handles[i];
            Runnable register = () -> {
                register(target, index, h);
                if (target == acceptor) {
                    registered(ready);
                } else {
                    try {
                        acceptor.later(() -> registered(ready));
                    } catch (IllegalStateException loopClosed) {
                        // the group is closing; its pending listen future fails with "shutdown"
                    }
                }
            };
            if (target == acceptor) {
                register.run();
            } else {
                try {
                    target.later(register);
                } catch (IllegalStateException loopClosed) {
                    closeQuietly(h);
                    ready.fail(target + " closed before it could listen on " + address, "shutdown");
                }
            }
        }
        return ready;
    }

    /** On {@code target}'s thread: its own listener, accepting onto its own loop. */
    private void register(Loop target, int index, ListenerHandle h) {
        if (closed || target.isClosed()) {
            closeQuietly(h);
            return;
        }
        Listener l = new Listener(h).onAccept(s -> adopt(target, index, s));
        listeners.set(index, l);
        target.add(l);
    }

    private void registered(Future<GroupListener> ready) {
        if (--unregistered == 0 && !ready.isReady()) {
            ready.done(this);
        }
    }

    private static SocketAddress addressOf(ListenerHandle handle) {
        try {
            return handle.localAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the address of " + handle, e);
        }
    }

    /** {@return how the connections are spread: a socket per loop, or one acceptor handing them off} */
    public Mode mode() {
        return mode;
    }

    /** {@return the address it listens on} */
    public SocketAddress localAddress() {
        return address;
    }

    /** {@return the port it listens on: the real one when it was bound to port 0} */
    public int port() {
        return ((InetSocketAddress) address).getPort();
    }

    /**
     * {@return the loop whose thread accepts the connections in {@link Mode#HAND_OFF}; in
     *     {@link Mode#REUSE_PORT}, where every loop accepts its own, the loop that bound the port
     *     first}
     */
    public Loop acceptorLoop() {
        return acceptor;
    }

    /** {@return the loops that have a listening socket of this listener: all in REUSE_PORT, the acceptor in HAND_OFF} */
    public List<Loop> listeningLoops() {
        return mode == Mode.REUSE_PORT ? group.loops() : List.of(acceptor);
    }

    /**
     * {@return how many connections each loop of the group got, index for index with
     *     {@link LoopGroup#loops()}} A connection counts when it reaches its loop.
     */
    public List<Long> acceptedPerLoop() {
        List<Long> counts = new ArrayList<>(perLoop.length());
        for (int i = 0; i < perLoop.length(); i++) {
            counts.add(perLoop.get(i));
        }
        return List.copyOf(counts);
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
     * Stops accepting and closes the listening socket(s), each on its own loop's thread (at once
     * for the calling loop's own). Connections already accepted go on. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (Loop l : listeningLoops()) {
            if (l.inLoopThread()) {
                closeOn(l);
            } else {
                try {
                    l.later(() -> closeOn(l));
                } catch (IllegalStateException loopClosed) {
                    // the group closed that loop and its handles
                }
            }
        }
    }

    /** On {@code loop}'s thread: closes its listening socket of this listener, if it has one. */
    void closeOn(Loop loop) {
        closed = true;
        int index = group.loops().indexOf(loop);
        Listener l = index < 0 ? null : listeners.get(index);
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

    static void closeQuietly(dev.ioasync.io.IoHandle s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing a socket nobody can take: " + e);
        }
    }

    @Override
    public String toString() {
        return "GroupListener[" + address + ", " + (mode == Mode.REUSE_PORT
                ? "a socket per loop (SO_REUSEPORT)" : "acceptor " + acceptor) + "]";
    }
}
