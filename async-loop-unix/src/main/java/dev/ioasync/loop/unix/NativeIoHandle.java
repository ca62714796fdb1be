package dev.ioasync.loop.unix;

import dev.ioasync.io.IoHandle;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Limits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * Internal: an {@link IoHandle} over a native, non-blocking file descriptor that Netty made: what
 * the {@code epoll} and {@code kqueue} backends create and watch. Reads and writes go straight to
 * the descriptor from direct buffers; heap buffers are copied through a direct one: on the loop
 * thread the poller's own, elsewhere one from {@link ScratchBuffers}.
 *
 * <p>Closing a watched handle first takes it out of the poller's table, then closes the
 * descriptor, so a new descriptor with the same number never meets a stale registration.
 */
public class NativeIoHandle implements IoHandle {

    private final FileDescriptor fd;
    private final String backend;
    private final String kind;
    private final boolean readable;
    private final boolean writable;
    private volatile NativeWatch watch;

    NativeIoHandle(FileDescriptor fd, String backend, String kind, boolean readable, boolean writable) {
        this.fd = fd;
        this.backend = backend;
        this.kind = kind;
        this.readable = readable;
        this.writable = writable;
    }

    /** {@return the descriptor, open or not} (for the backends' watches) */
    public final FileDescriptor fd() {
        return fd;
    }

    /** {@return the watch of this handle, or {@code null} when it is not watched} */
    final NativeWatch watch() {
        return watch;
    }

    final void watched(NativeWatch w) {
        watch = w;
    }

    final void unwatched(NativeWatch w) {
        if (watch == w) {
            watch = null;
        }
    }

    /** {@return the descriptor, after checking that it is open} (a closed number may already be reused) */
    final FileDescriptor openFd() throws ClosedChannelException {
        if (!fd.isOpen()) {
            throw new ClosedChannelException();
        }
        return fd;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!readable) {
            throw new UnsupportedOperationException(this + " cannot be read: it is write-only");
        }
        return readInto(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!writable) {
            throw new UnsupportedOperationException(this + " cannot be written: it is read-only");
        }
        return writeFrom(src);
    }

    /**
     * One {@code writev(2)} of the buffers: direct ones as they are, heap ones copied into the
     * loop's scratch buffer (as much of them as fits; the gathering stops at a heap buffer that
     * does not fit whole). At most {@link Limits#IOV_MAX} buffers go into one call. Off the loop
     * thread a run with heap buffers is written one buffer at a time through the shared pool.
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, srcs.length);
        if (!writable) {
            throw new UnsupportedOperationException(this + " cannot be written: it is read-only");
        }
        if (length == 1) {
            return writeFrom(srcs[offset]);
        }
        FileDescriptor f = openFd();
        int max = Math.min(length, Limits.IOV_MAX);
        ByteBuffer[] iov = new ByteBuffer[max];
        ByteBuffer scratch = null;
        int scratchUsed = 0;
        int count = 0;
        long bytes = 0;
        for (int i = 0; i < max; i++) {
            ByteBuffer src = srcs[offset + i];
            int len = src.remaining();
            if (src.isDirect()) {
                iov[count++] = src;
                bytes += len;
                continue;
            }
            if (scratch == null) {
                scratch = loopScratch();
                if (scratch == null) {
                    return IoHandle.super.write(srcs, offset, length);
                }
            }
            int room = scratch.capacity() - scratchUsed;
            if (room == 0) {
                break;
            }
            int take = Math.min(room, len);
            scratch.put(scratchUsed, src, src.position(), take);
            iov[count++] = scratch.slice(scratchUsed, take);
            scratchUsed += take;
            bytes += take;
            if (take < len) {
                break;
            }
        }
        if (bytes == 0) {
            return 0;
        }
        long n = f.writev(iov, 0, count, bytes);
        long left = n;
        for (int i = 0; i < count && left > 0; i++) {
            ByteBuffer src = srcs[offset + i];
            int k = (int) Math.min(left, iov[i].remaining());
            src.position(src.position() + k);
            left -= k;
        }
        return n;
    }

    /** Reads from the descriptor into {@code dst}: bytes read, 0 when none now, -1 at end of stream. */
    final int readInto(ByteBuffer dst) throws IOException {
        FileDescriptor f = openFd();
        if (!dst.hasRemaining()) {
            return 0; // a zero-length read would look like end of stream
        }
        if (dst.isDirect()) {
            int pos = dst.position();
            int n = f.read(dst, pos, dst.limit());
            if (n > 0) {
                dst.position(pos + n);
            }
            return n;
        }
        ByteBuffer own = loopScratch();
        ByteBuffer tmp = own != null ? own : ScratchBuffers.take();
        try {
            tmp.limit(Math.min(tmp.capacity(), dst.remaining()));
            int n = f.read(tmp, 0, tmp.limit());
            if (n > 0) {
                dst.put(tmp.limit(n));
            }
            return n;
        } finally {
            if (own == null) {
                ScratchBuffers.give(tmp);
            }
        }
    }

    /** Writes to the descriptor from {@code src}: bytes written, 0 when it accepts none now. */
    final int writeFrom(ByteBuffer src) throws IOException {
        FileDescriptor f = openFd();
        if (!src.hasRemaining()) {
            return 0;
        }
        if (src.isDirect()) {
            int pos = src.position();
            int n = f.write(src, pos, src.limit());
            src.position(pos + n);
            return n;
        }
        ByteBuffer own = loopScratch();
        ByteBuffer tmp = own != null ? own : ScratchBuffers.take();
        try {
            int len = Math.min(tmp.capacity(), src.remaining());
            tmp.put(0, src, src.position(), len);
            int n = f.write(tmp, 0, len);
            src.position(src.position() + n);
            return n;
        } finally {
            if (own == null) {
                ScratchBuffers.give(tmp);
            }
        }
    }

    /**
     * The loop's own scratch buffer when this handle is watched and the caller is the loop thread
     * of its poller, else {@code null} (then the shared pool serves). The loop's buffer costs no
     * atomic operation and no allocation; it is safe because nothing runs between filling it and
     * the system call that empties it.
     */
    final ByteBuffer loopScratch() {
        NativeWatch w = watch;
        return w == null ? null : w.loopScratch();
    }

    @Override
    public boolean isReadable() {
        return readable;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public boolean isOpen() {
        return fd.isOpen();
    }

    @Override
    public void close() throws IOException {
        NativeWatch w = watch;
        if (w != null) {
            w.handleClosing();
        }
        fd.close();
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public String toString() {
        return backend + ":" + kind + "(fd " + fd.intValue() + (fd.isOpen() ? ")" : ", closed)");
    }
}
