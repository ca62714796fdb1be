package dev.ioasync.loop.select;

import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An {@link IoHandle} over a non-blocking JDK {@link SelectableChannel}: what the {@code select}
 * backend makes and watches.
 */
class SelectIoHandle implements IoHandle {

    final SelectableChannel channel;
    private final String description;

    SelectIoHandle(SelectableChannel channel, String description) throws IOException {
        channel.configureBlocking(false);
        this.channel = channel;
        this.description = description;
    }

    SelectableChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!(channel instanceof ReadableByteChannel r)) {
            throw new UnsupportedOperationException(this + " cannot be read: it is write-only");
        }
        return r.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!(channel instanceof WritableByteChannel w)) {
            throw new UnsupportedOperationException(this + " cannot be written: it is read-only");
        }
        return w.write(src);
    }

    /** One gathering write when the channel has one (sockets, pipe sinks): the JDK's {@code writev}. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (channel instanceof GatheringByteChannel g) {
            java.util.Objects.checkFromIndexSize(offset, length, srcs.length);
            return g.write(srcs, offset, length);
        }
        return IoHandle.super.write(srcs, offset, length);
    }

    @Override
    public boolean isReadable() {
        return channel instanceof ReadableByteChannel;
    }

    @Override
    public boolean isWritable() {
        return channel instanceof WritableByteChannel;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String backend() {
        return SelectLoopProvider.NAME;
    }

    @Override
    public String toString() {
        return "select:" + description + (channel.isOpen() ? "" : "(closed)");
    }
}
