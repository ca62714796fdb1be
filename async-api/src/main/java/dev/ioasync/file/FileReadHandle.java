package dev.ioasync.file;

import dev.ioasync.io.IoHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only handle on a regular file at a position of its own, for {@link FileStream}. It is
 * never given to a poller (a regular file is always "ready"); {@link #read} answers 0, not end
 * of stream, when it has caught up with the file, because a followed file may still grow.
 */
final class FileReadHandle implements IoHandle {

    private FileChannel channel;
    private long position;

    FileReadHandle(Path path) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = channel.read(dst, position);
        if (n > 0) {
            position += n;
            return n;
        }
        return 0;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("a FileStream is read-only");
    }

    /** {@return the position the next read starts at} */
    long position() {
        return position;
    }

    /**
     * Moves the read position.
     *
     * @param to the new position
     */
    void position(long to) {
        this.position = to;
    }

    /** {@return the size of the open file now} */
    long size() throws IOException {
        return channel.size();
    }

    /** {@return whether bytes past the read position are there now} */
    boolean hasMore() throws IOException {
        return channel.isOpen() && position < channel.size();
    }

    /**
     * Follows a rotation: opens the file now at {@code path}, reading from its start, and closes
     * the old one.
     *
     * @param path the path
     * @throws IOException when it cannot be opened (the old file stays open)
     */
    void reopen(Path path) throws IOException {
        FileChannel fresh = FileChannel.open(path, StandardOpenOption.READ);
        FileChannel old = channel;
        channel = fresh;
        position = 0;
        old.close();
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return false;
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
        return "file";
    }

    @Override
    public String toString() {
        return "FileReadHandle[at " + position + "]";
    }
}
