package dev.ioasync.loop.epoll;

import dev.ioasync.io.IoHandle;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * An {@link IoHandle} over a native, non-blocking file descriptor that Netty made: what the
 * {@code epoll} backend creates and watches. Reads and writes go straight to the descriptor from
 * direct buffers; heap buffers are copied through a pooled direct one.
 *
 * <p>Closing a watched handle first takes it out of the poller's table, then closes the
 * descriptor, so a new descriptor with the same number never meets a stale registration.
 */
class NativeIoHandle implements IoHandle {

    private final FileDescriptor fd;
    private final String kind;
    private final boolean readable;
    private final boolean writable;
    private volatile EpollWatch watch;

    NativeIoHandle(FileDescriptor fd, String kind, boolean readable, boolean writable) {
        this.fd = fd;
        this.kind = kind;
        this.readable = readable;
        this.writable = writable;
    }

    FileDescriptor fd() {
        return fd;
    }

    EpollWatch watch() {
        return watch;
    }

    void watched(EpollWatch w) {
        watch = w;
    }

    void unwatched(EpollWatch w) {
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
        ByteBuffer tmp = ScratchBuffers.take();
        try {
            tmp.limit(Math.min(tmp.capacity(), dst.remaining()));
            int n = f.read(tmp, 0, tmp.limit());
            if (n > 0) {
                dst.put(tmp.limit(n));
            }
            return n;
        } finally {
            ScratchBuffers.give(tmp);
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
        ByteBuffer tmp = ScratchBuffers.take();
        try {
            int len = Math.min(tmp.capacity(), src.remaining());
            tmp.put(0, src, src.position(), len);
            int n = f.write(tmp, 0, len);
            src.position(src.position() + n);
            return n;
        } finally {
            ScratchBuffers.give(tmp);
        }
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
        EpollWatch w = watch;
        if (w != null) {
            w.handleClosing();
        }
        fd.close();
    }

    @Override
    public String backend() {
        return EpollLoopProvider.NAME;
    }

    @Override
    public String toString() {
        return "epoll:" + kind + "(fd " + fd.intValue() + (fd.isOpen() ? ")" : ", closed)");
    }
}
