package dev.ioasync.net;

import dev.ioasync.Loop;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.stream.Handle;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import dev.ioasync.stream.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Accepts connections on a listening socket: IO::Async::Listener.
 *
 * <p>Each connection goes to {@link #onStream(Consumer) on_stream} as a {@link Stream}, or to
 * {@link #onAccept(Consumer) on_accept} as a raw {@link SocketHandle}. A stream that the
 * {@code on_stream} callback did not add anywhere is added as a child of this listener, so it
 * runs and is cleaned up with it.
 *
 * <p>When accepting fails because the process or the system is out of file descriptors
 * (EMFILE/ENFILE), the listener stops accepting for {@link #acceptPause(Duration) a short pause}
 * (100 ms) and tries again, as long as it takes; the connections wait in the kernel's backlog.
 * It logs one warning when the shortage starts and one when it ends (when every connection that
 * waited has been accepted), with how many accept attempts were deferred meanwhile. Other accept errors go to {@code on_accept_error}, or are
 * logged, and accepting goes on.
 *
 * <p>With {@link #tls(TlsOptions) TLS}, each handshake has a deadline (10 s by default, see
 * {@link #tlsHandshakeTimeout(Duration)}): a peer that stays silent is dropped then, and its file
 * descriptor freed. {@link #maxPendingHandshakes(int)} bounds how many handshakes run at once;
 * at the bound, accepting waits until one ends.
 */
public class Listener extends Handle {

    private static final System.Logger LOG = System.getLogger(Listener.class.getName());
    private static final int MAX_ACCEPTS_PER_READY = 256;

    private final ListenerHandle listener;
    private Consumer<Stream> onStream;
    private Consumer<SocketHandle> onAccept;
    private Consumer<IOException> onAcceptError;
    private Duration acceptPause = Duration.ofMillis(100);
    private TlsOptions tls;
    private Duration handshakeTimeout;
    private int maxPendingHandshakes;
    private int pendingHandshakes;
    private boolean paused;
    private boolean outOfFds;
    private long outOfFdsSince;
    private long deferredAccepts;
    private long accepted;
    private long pauses;

    /**
     * Creates a listener on a listening handle.
     *
     * @param listener the handle (see {@link Loop#handles()} or {@link Loop#listen})
     */
    public Listener(ListenerHandle listener) {
        super(listener, null);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sets what receives each connection as a stream.
     *
     * @param code the callback
     * @return this
     */
    public Listener onStream(Consumer<Stream> code) {
        this.onStream = code;
        startAccepting();
        return this;
    }

    /**
     * Sets what receives each connection as a raw handle (instead of a stream).
     *
     * @param code the callback
     * @return this
     */
    public Listener onAccept(Consumer<SocketHandle> code) {
        this.onAccept = code;
        startAccepting();
        return this;
    }

    /**
     * Sets what receives accept errors other than running out of file descriptors.
     *
     * @param code the callback
     * @return this
     */
    public Listener onAcceptError(Consumer<IOException> code) {
        this.onAcceptError = code;
        return this;
    }

    /**
     * Sets how long accepting pauses when file descriptors run out.
     *
     * @param pause the pause
     * @return this
     */
    public Listener acceptPause(Duration pause) {
        if (Objects.requireNonNull(pause, "pause").isNegative()) {
            throw new IllegalArgumentException("accept pause must not be negative: " + pause);
        }
        this.acceptPause = pause;
        return this;
    }

    /**
     * Makes every accepted connection speak TLS (IO::Async::SSL's {@code SSL_listen}): the
     * handshake runs first and {@code on_stream} gets the TLS stream. A connection whose
     * handshake fails is closed and logged; the listener goes on.
     *
     * @param options the TLS options; the context holds the server's key
     * @return this
     */
    public Listener tls(TlsOptions options) {
        this.tls = options;
        return this;
    }

    /**
     * Sets the TLS handshake deadline of accepted connections, instead of the one in the
     * {@link #tls(TlsOptions) TLS options} (10 s by default). A connection whose handshake has not
     * ended by then is closed and logged; {@code on_stream} never sees it.
     *
     * @param timeout the deadline; {@link Duration#ZERO} for none
     * @return this
     */
    public Listener tlsHandshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("the TLS handshake timeout must not be negative: " + timeout);
        }
        this.handshakeTimeout = timeout;
        return this;
    }

    /**
     * Bounds how many TLS handshakes may be under way at once; at the bound the listener stops
     * accepting until one ends (the connections wait in the kernel's backlog).
     *
     * @param max the bound; 0 (the default) for none
     * @return this
     */
    public Listener maxPendingHandshakes(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the pending handshake bound must be 0 (none) or more, not " + max);
        }
        this.maxPendingHandshakes = max;
        return this;
    }

    /** {@return how many TLS handshakes are under way} */
    public int pendingHandshakes() {
        return pendingHandshakes;
    }

    /** {@return the listening handle} */
    public ListenerHandle listenerHandle() {
        return listener;
    }

    /**
     * {@return the address it listens on}
     *
     * @throws java.io.UncheckedIOException when the listener is closed
     */
    public SocketAddress localAddress() {
        try {
            return listener.localAddress();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the address of " + this, e);
        }
    }

    /** {@return the port it listens on: the real one when it was bound to port 0} */
    public int port() {
        return ((InetSocketAddress) localAddress()).getPort();
    }

    /** {@return how many connections it accepted} */
    public long acceptedCount() {
        return accepted;
    }

    /** {@return how many times it paused for lack of file descriptors} */
    public long pauseCount() {
        return pauses;
    }

    @Override
    protected void addedToLoop(Loop loop) {
        super.addedToLoop(loop);
        startAccepting();
    }

    private boolean atHandshakeBound() {
        return maxPendingHandshakes > 0 && pendingHandshakes >= maxPendingHandshakes;
    }

    private void startAccepting() {
        if (loop() != null && !paused && !isClosed() && !atHandshakeBound() && (onStream != null || onAccept != null)) {
            wantReadReady(true);
        }
    }

    @Override
    protected void readReady() {
        for (int i = 0; i < MAX_ACCEPTS_PER_READY && !paused && !isClosed(); i++) {
            if (atHandshakeBound()) {
                wantReadReady(false);
                return;
            }
            SocketHandle s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                acceptFailed(e);
                return;
            }
            if (s == null) {
                if (outOfFds) {
                    fdsBack(); // every connection that waited is in: the shortage is over
                }
                return;
            }
            accepted++;
            dev.ioasync.observe.LoopObserver.accepted(loop());
            deliver(s);
        }
    }

    private void deliver(SocketHandle s) {
        if (onAccept != null) {
            invokeEvent("on_accept", () -> onAccept.accept(s));
            return;
        }
        if (tls == null) {
            handOver(new Stream(s));
            return;
        }
        TlsOptions options = handshakeTimeout == null ? tls : tls.withHandshakeTimeout(handshakeTimeout);
        pendingHandshakes++;
        Tls.server(loop(), s, options).onReady(f -> {
            pendingHandshakes--;
            if (!isClosed()) {
                startAccepting();
            }
            if (f.isDone() && !isClosed()) {
                handOver(f.get());
            } else {
                LOG.log(System.Logger.Level.INFO, () -> this + ": " + (f.isDone() ? "closed before the handshake ended"
                        : f.isFailed() ? f.failure().getMessage() : "handshake cancelled"));
                if (f.isDone()) {
                    f.get().closeNow();
                } else {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                }
            }
        });
    }

    private void handOver(Stream stream) {
        invokeEvent("on_stream", () -> onStream.accept(stream));
        if (stream.loop() == null && stream.parent() == null && !stream.isClosed()) {
            addChild(stream);
        }
    }

    private void acceptFailed(IOException e) {
        if (isOutOfFileDescriptors(e)) {
            pauses++;
            deferredAccepts++;
            paused = true;
            wantReadReady(false);
            if (!outOfFds) {
                outOfFds = true;
                outOfFdsSince = System.nanoTime();
                LOG.log(System.Logger.Level.WARNING, () -> this + ": out of file descriptors (" + e.getMessage()
                        + "); accepting pauses and retries every " + acceptPause.toMillis()
                        + " ms until descriptors are free (logged once more when they are)");
            }
            loop().watchTimeAfter(acceptPause, () -> {
                paused = false;
                startAccepting();
            });
        } else if (onAcceptError != null) {
            invokeEvent("on_accept_error", () -> onAcceptError.accept(e));
        } else {
            LOG.log(System.Logger.Level.WARNING, () -> this + ": accept failed; still listening", e);
        }
    }

    private void fdsBack() {
        outOfFds = false;
        long ms = (System.nanoTime() - outOfFdsSince) / 1_000_000;
        long deferred = deferredAccepts;
        deferredAccepts = 0;
        LOG.log(System.Logger.Level.WARNING, () -> this + ": file descriptors available again after " + ms
                + " ms and the backlog is drained; " + deferred + " accept attempt(s) failed for want of one meanwhile");
    }

    /** {@return whether accepting is paused because file descriptors ran out} */
    public boolean isOutOfFileDescriptors() {
        return outOfFds;
    }

    static boolean isOutOfFileDescriptors(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Too many open files") || m.contains("EMFILE") || m.contains("ENFILE");
    }
}
