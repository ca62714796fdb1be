package dev.ioasync.file;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.stream.Handle;
import dev.ioasync.stream.ReadHandler;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A read-only {@link Stream} over a regular file that keeps growing, read like {@code tail -f}
 * (IO::Async::FileStream). {@code onRead}, {@code readUntil} and the other read futures work as
 * on any stream; the file never reaches end of file, so {@code readUntilEof} never completes.
 *
 * <p>The file is opened when the stream is made. When the stream is added to a loop,
 * {@code on_initial} runs at once (synchronously, inside {@code add}) with the file's size; only
 * there may {@link #seek(long)} or {@link #seekToEnd()} move the starting position (the start of
 * the file unless moved). A {@link FileWatch} child then polls the path at the
 * {@linkplain #interval(Duration) interval} (2 seconds unless set) and new bytes are read on the
 * loop thread, one chunk per iteration.
 *
 * <p>When the file shrinks below what was read, {@code on_truncated} runs and reading starts
 * again from its start. When the path names another file (log rotation: renamed away and
 * created anew), what is left of the old file is read first, then the new file is opened and
 * read from its start, and {@code on_rotated} runs.
 *
 * <p>Writes fail at once with category {@code write}. The file handle is never given to the
 * loop's poller: this class overrides {@link #wantReadReady(boolean)} to read on the loop's
 * timer and deferred calls instead.
 */
public class FileStream extends Stream {

    private final Path path;
    private final FileReadHandle file;
    private final FileWatch watch;
    private LongConsumer onInitial;
    private Runnable onTruncated;
    private Runnable onRotated;
    private boolean inInitial;
    private boolean wantRead;
    private boolean readScheduled;
    private long lastSize;

    /**
     * Opens a file to follow.
     *
     * @param path the file
     * @throws UncheckedIOException when it cannot be opened for reading
     */
    public FileStream(Path path) {
        this(path, open(path));
    }

    @SuppressWarnings("this-escape") // configures itself and adopts its watch; no loop is reachable yet
    private FileStream(Path path, FileReadHandle file) {
        super(file, null);
        this.path = path;
        this.file = file;
        closeOnReadEof(false);
        this.watch = new FileWatch(path).onStatChanged(this::statChanged);
        watch.name("watch");
        addChild(watch);
    }

    private static FileReadHandle open(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return new FileReadHandle(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for reading: " + e.getMessage(), e);
        }
    }

    /** {@return the followed path} */
    public Path path() {
        return path;
    }

    /**
     * Sets the polling interval ({@code interval}).
     *
     * @param interval a positive duration
     * @return this
     */
    public FileStream interval(Duration interval) {
        watch.interval(interval);
        return this;
    }

    /**
     * Sets the main read handler ({@code on_read}), as on any stream.
     *
     * @param handler the handler
     * @return this
     */
    @Override
    public FileStream onRead(ReadHandler handler) {
        super.onRead(handler);
        return this;
    }

    /**
     * Sets the code run with the file's size when the stream is added to a loop
     * ({@code on_initial}), before anything is read; it may {@link #seek}.
     *
     * @param code the code
     * @return this
     */
    public FileStream onInitial(LongConsumer code) {
        this.onInitial = code;
        return this;
    }

    /**
     * Sets the code run when the file was truncated ({@code on_truncated}).
     *
     * @param code the code
     * @return this
     */
    public FileStream onTruncated(Runnable code) {
        this.onTruncated = code;
        return this;
    }

    /**
     * Sets the code run when the path was rotated and the new file is followed (IO::Async's
     * {@code on_devino_changed} as seen by a FileStream).
     *
     * @param code the code
     * @return this
     */
    public FileStream onRotated(Runnable code) {
        this.onRotated = code;
        return this;
    }

    /**
     * Moves the starting position ({@code seek}); only inside {@code on_initial}.
     *
     * @param offset from the start of the file, at most its size
     * @throws IllegalStateException outside {@code on_initial}
     * @throws IllegalArgumentException when the offset is negative
     */
    public void seek(long offset) {
        if (!inInitial) {
            throw new IllegalStateException("cannot seek " + this + " except during on_initial");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        file.position(offset);
    }

    /**
     * Starts at the end of the file, so that only what is appended is read; only inside
     * {@code on_initial}.
     *
     * @throws IllegalStateException outside {@code on_initial}
     */
    public void seekToEnd() {
        seek(lastSize);
    }

    /** {@return the position the next read starts at} */
    public long position() {
        return file.position();
    }

    /** {@return the polling {@link FileWatch} (a child of this stream)} */
    public FileWatch fileWatch() {
        return watch;
    }

    @Override
    protected void addedToLoop(Loop loop) {
        try {
            lastSize = file.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
        if (onInitial != null) {
            long size = lastSize;
            inInitial = true;
            try {
                invokeEvent("on_initial", () -> onInitial.accept(size));
            } finally {
                inInitial = false;
            }
        }
        super.addedToLoop(loop);
    }

    /**
     * Asks for reading or stops asking. A file is not polled for readiness: reading runs on
     * the loop's deferred calls while bytes are there, and again when the watch sees the file grow.
     *
     * @param want whether to read
     * @return this
     */
    @Override
    public Handle wantReadReady(boolean want) {
        wantRead = want;
        if (want) {
            scheduleRead();
        }
        return this;
    }

    /**
     * A file stream never writes: asking for write-readiness is an error.
     *
     * @param want must be {@code false}
     * @return this
     * @throws IllegalStateException when {@code want} is {@code true}
     */
    @Override
    public Handle wantWriteReady(boolean want) {
        if (want) {
            throw new IllegalStateException("cannot write to " + this + ": a FileStream is read-only");
        }
        return this;
    }

    private void scheduleRead() {
        Loop loop = loop();
        if (!readScheduled && loop != null && !isClosed()) {
            readScheduled = true;
            loop.later(this::readMore);
        }
    }

    private void readMore() {
        readScheduled = false;
        if (!wantRead || isClosed() || loop() == null) {
            return;
        }
        readReady();
        if (wantRead && more()) {
            scheduleRead();
        }
    }

    private boolean more() {
        try {
            return !isClosed() && file.hasMore();
        } catch (IOException e) {
            return false;
        }
    }

    private void statChanged(FileStat now, FileStat old) {
        if (isClosed() || !now.exists()) {
            return; // gone: keep reading the open file until a new one appears
        }
        if (!old.exists() || !old.sameFile(now)) {
            rotated(now);
        } else if (now.size() < lastSize || now.size() < file.position()) {
            file.position(0);
            if (onTruncated != null) {
                invokeEvent("on_truncated", onTruncated);
            }
        }
        lastSize = now.size();
        scheduleRead();
    }

    private void rotated(FileStat now) {
        long before;
        do {
            before = file.position();
            readReady(); // the tail of the old file first
        } while (wantRead && !isClosed() && file.position() > before && more());
        if (isClosed()) {
            return;
        }
        try {
            file.reopen(path);
        } catch (IOException e) {
            invokeError(new UncheckedIOException("cannot follow the rotation of " + path, e));
            return;
        }
        if (onRotated != null) {
            invokeEvent("on_rotated", onRotated);
        }
    }

    private <T> Future<T> readOnly() {
        return this.<T>newFuture().fail("cannot write to " + this + ": a FileStream is read-only", "write");
    }

    @Override
    public Future<Void> write(byte[] data) {
        return readOnly();
    }

    @Override
    public Future<Void> write(byte[] data, IntConsumer onWrite, Runnable onFlush) {
        return readOnly();
    }

    @Override
    public Future<Void> write(String text) {
        return readOnly();
    }

    @Override
    public Future<Void> write(ByteBuffer data) {
        return readOnly();
    }

    @Override
    public Future<Void> write(Supplier<?> generator) {
        return readOnly();
    }

    @Override
    public Future<Void> write(Future<?> data) {
        return readOnly();
    }

    @Override
    public String toString() {
        return name() != null ? super.toString() : "FileStream[" + path + "]";
    }
}
