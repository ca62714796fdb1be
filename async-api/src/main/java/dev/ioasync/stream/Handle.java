package dev.ioasync.stream;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.util.Objects;

/**
 * A notifier around one I/O handle, or a separate read handle and write handle (a pipe pair,
 * stdin and stdout): IO::Async::Handle.
 *
 * <p>While it is in a loop and open, it watches its read handle when it {@linkplain #wantReadReady
 * wants read-readiness} and its write handle when it {@linkplain #wantWriteReady wants
 * write-readiness}, and runs {@link #onReadReady(Runnable) on_read_ready} /
 * {@link #onWriteReady(Runnable) on_write_ready}. Subclasses ({@link Stream}, listeners, datagram
 * sockets) replace those events by overriding {@link #readReady()} and {@link #writeReady()}.
 *
 * <p>{@link #close()} stops watching, closes the handles (once, when both are the same), runs
 * {@code on_closed}, completes {@link #closedFuture()} and removes the notifier from its parent or
 * loop.
 */
public class Handle extends dev.ioasync.Notifier {

    private IoHandle readHandle;
    private IoHandle writeHandle;
    private boolean wantRead;
    private boolean wantWrite;
    private boolean closedAlready;
    private Runnable onReadReady;
    private Runnable onWriteReady;
    private Runnable onClosed;
    private Future<Void> closedFuture;
    private final Runnable readCallback = this::dispatchRead;
    private final Runnable writeCallback = this::dispatchWrite;
    private boolean watchingRead;
    private boolean watchingWrite;

    /** Creates a handle notifier with no handles yet. */
    public Handle() {
    }

    /**
     * Creates a handle notifier on one handle used for both directions (what it supports).
     *
     * @param handle the handle
     */
    public Handle(IoHandle handle) {
        Objects.requireNonNull(handle, "handle");
        this.readHandle = handle.isReadable() ? handle : null;
        this.writeHandle = handle.isWritable() ? handle : null;
    }

    /**
     * Creates a handle notifier on separate read and write handles.
     *
     * @param readHandle the handle to read, or {@code null}
     * @param writeHandle the handle to write, or {@code null}
     */
    public Handle(IoHandle readHandle, IoHandle writeHandle) {
        this.readHandle = readHandle;
        this.writeHandle = writeHandle;
    }

    /** {@return the handle read from, or {@code null}} */
    public final IoHandle readHandle() {
        return readHandle;
    }

    /** {@return the handle written to, or {@code null}} */
    public final IoHandle writeHandle() {
        return writeHandle;
    }

    /**
     * Sets the handles (IO::Async's {@code handle}, {@code read_handle}, {@code write_handle}).
     *
     * @param read the handle to read, or {@code null}
     * @param write the handle to write, or {@code null}
     * @return this
     */
    public Handle handles(IoHandle read, IoHandle write) {
        unwatch();
        this.readHandle = read;
        this.writeHandle = write;
        this.closedAlready = false;
        this.closedFuture = null;
        rewatch();
        return this;
    }

    /**
     * Sets the callback for read-readiness, and asks for it.
     *
     * @param code the callback
     * @return this
     */
    public Handle onReadReady(Runnable code) {
        this.onReadReady = code;
        wantReadReady(code != null);
        return this;
    }

    /**
     * Sets the callback for write-readiness (ask for it with {@link #wantWriteReady}).
     *
     * @param code the callback
     * @return this
     */
    public Handle onWriteReady(Runnable code) {
        this.onWriteReady = code;
        return this;
    }

    /**
     * Sets the callback run once the handle is closed.
     *
     * @param code the callback
     * @return this
     */
    public Handle onClosed(Runnable code) {
        this.onClosed = code;
        return this;
    }

    /**
     * Asks for read-readiness or stops asking (IO::Async's {@code want_readready}).
     *
     * @param want whether to watch the read handle
     * @return this
     */
    public Handle wantReadReady(boolean want) {
        if (want && readHandle == null && !closedAlready) {
            throw new IllegalStateException("cannot want read-readiness of " + this + ": it has no read handle");
        }
        wantRead = want;
        rewatch();
        return this;
    }

    /**
     * Asks for write-readiness or stops asking (IO::Async's {@code want_writeready}).
     *
     * @param want whether to watch the write handle
     * @return this
     */
    public Handle wantWriteReady(boolean want) {
        if (want && writeHandle == null && !closedAlready) {
            throw new IllegalStateException("cannot want write-readiness of " + this + ": it has no write handle");
        }
        wantWrite = want;
        rewatch();
        return this;
    }

    /** {@return whether it asks for read-readiness} */
    public final boolean isWantingReadReady() {
        return wantRead;
    }

    /** {@return whether it asks for write-readiness} */
    public final boolean isWantingWriteReady() {
        return wantWrite;
    }

    /** {@return whether {@link #close()} has run} */
    public final boolean isClosed() {
        return closedAlready;
    }

    /**
     * A future done when the handle is closed (IO::Async's {@code new_close_future}).
     *
     * @return the future
     */
    public Future<Void> closedFuture() {
        if (closedFuture == null) {
            closedFuture = newFuture();
            if (closedAlready) {
                closedFuture.done(null);
            }
        }
        return closedFuture;
    }

    /** Called when the read handle is ready; by default runs {@code on_read_ready}. */
    protected void readReady() {
        if (onReadReady != null) {
            invokeEvent("on_read_ready", onReadReady);
        }
    }

    /** Called when the write handle is ready; by default runs {@code on_write_ready}. */
    protected void writeReady() {
        if (onWriteReady != null) {
            invokeEvent("on_write_ready", onWriteReady);
        }
    }

    private void dispatchRead() {
        try {
            readReady();
        } catch (RuntimeException e) {
            invokeError(e);
        }
    }

    private void dispatchWrite() {
        try {
            writeReady();
        } catch (RuntimeException e) {
            invokeError(e);
        }
    }

    /**
     * Closes the handle now: stops watching, closes the I/O handles, runs {@code on_closed},
     * completes {@link #closedFuture()} and removes this notifier from its parent or loop.
     * Closing twice does nothing.
     */
    public void close() {
        if (closedAlready) {
            return;
        }
        closing();
        closedAlready = true;
        wantRead = false;
        wantWrite = false;
        unwatch();
        closeHandles(readHandle, writeHandle);
        try {
            closed();
            if (onClosed != null) {
                invokeEvent("on_closed", onClosed);
            }
        } finally {
            // even when a fatal error (OutOfMemoryError...) comes out of a callback, the notifier
            // ends up closed and out of the tree, not half-way
            if (closedFuture != null && !closedFuture.isReady()) {
                closedFuture.done(null);
            }
            removeFromParent();
        }
    }

    /**
     * Closes the reading side only (IO::Async::Handle's {@code close_read}): stops watching the
     * read handle and lets go of it, closing it unless it is also the write handle (a socket
     * keeps its write side). When there is no write handle left, the whole notifier
     * {@linkplain #close() closes}. Does nothing when there is no read handle.
     */
    public void closeRead() {
        IoHandle r = readHandle;
        if (r == null || closedAlready) {
            return;
        }
        unwatch();
        wantRead = false;
        readHandle = null;
        if (r != writeHandle) {
            closeQuietly(r);
        }
        readClosed();
        if (writeHandle == null) {
            close();
        } else {
            rewatch();
        }
    }

    /**
     * Closes the writing side only (IO::Async::Handle's {@code close_write}): stops watching the
     * write handle and lets go of it; a socket that is also the read handle has its output shut
     * down (the peer reads end of file), another handle is closed. When there is no read handle
     * left, the whole notifier {@linkplain #close() closes}. Does nothing when there is no write
     * handle.
     */
    public void closeWrite() {
        IoHandle w = writeHandle;
        if (w == null || closedAlready) {
            return;
        }
        unwatch();
        wantWrite = false;
        writeHandle = null;
        writeClosed();
        if (w != readHandle) {
            closeQuietly(w);
        } else if (w instanceof dev.ioasync.io.SocketHandle s) {
            try {
                s.shutdownOutput();
            } catch (IOException e) {
                System.getLogger(Handle.class.getName()).log(System.Logger.Level.DEBUG,
                        () -> "shutting down the output of " + s + " failed", e);
            }
        }
        if (readHandle == null) {
            close();
        } else {
            rewatch();
        }
    }

    /** Called by {@link #closeRead()} once the read handle is let go of, before a full close. */
    protected void readClosed() {
    }

    /** Called by {@link #closeWrite()} once the write handle is let go of, before a full close. */
    protected void writeClosed() {
    }

    /** Called by {@link #close()} first, while the handles are still open (a TLS stream says goodbye). */
    protected void closing() {
    }

    /**
     * Closes the I/O handles for {@link #close()}; by default at once (each once when they are
     * the same handle). A subclass may hand them to something that closes them later.
     *
     * @param read the read handle, or {@code null}
     * @param write the write handle, or {@code null}
     */
    protected void closeHandles(IoHandle read, IoHandle write) {
        closeQuietly(read);
        if (write != read) {
            closeQuietly(write);
        }
    }

    /** Called by {@link #close()} after the handles are closed, before {@code on_closed}. */
    protected void closed() {
    }

    static void closeQuietly(IoHandle h) {
        if (h == null) {
            return;
        }
        try {
            h.close();
        } catch (IOException e) {
            System.getLogger(Handle.class.getName()).log(System.Logger.Level.DEBUG, () -> "closing " + h + " failed", e);
        }
    }

    @Override
    protected void addedToLoop(Loop loop) {
        rewatch();
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        unwatch();
    }

    /** Brings the loop's watches in line with what is wanted; touches the loop only on a change. */
    private void rewatch() {
        Loop loop = loop();
        if (loop == null) {
            return;
        }
        boolean r = wantRead && readHandle != null && readHandle.isOpen();
        boolean w = wantWrite && writeHandle != null && writeHandle.isOpen();
        if (r == watchingRead && w == watchingWrite) {
            return;
        }
        if (readHandle != null && readHandle == writeHandle) {
            loop.watchIo(readHandle, r ? readCallback : null, w ? writeCallback : null);
        } else {
            if (r != watchingRead && readHandle != null) {
                apply(loop, readHandle, r ? readCallback : null, null);
            }
            if (w != watchingWrite && writeHandle != null) {
                apply(loop, writeHandle, null, w ? writeCallback : null);
            }
        }
        watchingRead = r;
        watchingWrite = w;
    }

    private static void apply(Loop loop, IoHandle h, Runnable read, Runnable write) {
        if (read == null && write == null) {
            loop.unwatchIo(h);
        } else {
            loop.watchIo(h, read, write);
        }
    }

    private void unwatch() {
        Loop loop = loop();
        if (loop != null) {
            if (readHandle != null && (watchingRead || (watchingWrite && readHandle == writeHandle))) {
                loop.unwatchIo(readHandle);
            }
            if (writeHandle != null && writeHandle != readHandle && watchingWrite) {
                loop.unwatchIo(writeHandle);
            }
        }
        watchingRead = false;
        watchingWrite = false;
    }
}
