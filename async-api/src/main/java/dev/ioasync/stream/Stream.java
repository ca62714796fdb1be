package dev.ioasync.stream;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.io.CompletionWriteHandle;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.SocketHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A buffered byte stream over a handle, or a read handle and a write handle: IO::Async::Stream.
 *
 * <h2>Reading</h2>
 * Bytes read go into a {@link ReadBuffer} and are offered to the {@linkplain #onRead(ReadHandler)
 * read handler} under the {@link ReadHandler} contract. The future-returning reads
 * ({@link #readUntil(String)}, {@link #readExactly(int)}, {@link #readAtMost(int)},
 * {@link #readUntilEof()}) queue temporary handlers that take precedence over the main handler in
 * call order; each completes at once when the data is already buffered. At end of file the
 * handler is called once more with {@code eof} set, then {@code on_read_eof} runs, then the
 * stream closes (unless {@link #closeOnReadEof(boolean)} is off: a half-closed peer can still be
 * written to). A read future still pending at end of file completes with what is left, or with
 * {@code null} when nothing is.
 *
 * <h2>Writing</h2>
 * {@code write} takes bytes, text (in the stream's charset), a generator called when the queue
 * reaches it, or a future of data; it returns a future done when those bytes are handed to the
 * operating system, and takes optional {@code on_write(len)} and {@code on_flush} callbacks.
 * For two writes then {@link #closeWhenEmpty()} the order is: first write's future, its
 * {@code on_flush}, second write's future, its {@code on_flush}, {@code on_outgoing_empty}, then
 * closed. A write error (EPIPE, ECONNRESET, ...) fails every pending write future with category
 * {@code write} and runs {@code on_write_error}; without that handler the stream closes.
 * A write to a stream that has a read handle but no write handle, or that is in a loop with no
 * write handle, fails at once (category {@code write}); so does a read future on a stream with no
 * read handle (category {@code read}). A stream with no handles at all, outside a loop, queues
 * writes until it is given handles (a process's standard input before the process starts).
 * Giving a stream new {@linkplain #handles handles}, or adding it again after it was taken out
 * while closing, starts it afresh: it is no longer closing, nor at end of file.
 *
 * <h2>Backpressure, on by default</h2>
 * When more than {@link #writeWatermarks(long, long) the high watermark} (1 MiB) is queued,
 * {@code on_writeable_stop} runs and {@link #isWriteable()} turns false; when the queue drains to
 * the low watermark (256 KiB), {@code on_writeable_start} runs.
 * When the read buffer grows past its high watermark (4 MiB) because the handler leaves data
 * unconsumed, reading pauses, {@code on_read_high_watermark} runs, and the handler is called again
 * at each loop iteration; reading resumes when the buffer falls under the low watermark (1 MiB),
 * or at once when the handler makes no progress (it is waiting for more data, not lagging).
 * {@code on_read_low_watermark} runs once the handler has consumed the buffer down to the low
 * watermark.
 *
 * <h2>Limits, on by default</h2>
 * A hostile or broken peer cannot make a stream hold unbounded memory:
 * <ul>
 *   <li>{@linkplain #readLimit(int) Read limit} (16 MiB): when more bytes are read and not
 *       consumed, the stream {@linkplain #fail(StreamException) fails} with category
 *       {@code read-limit}: pending read futures fail, {@code on_read_error} runs (or, without
 *       it, the error goes to the notifier's error handlers), and the stream closes. Nothing else
 *       on the loop is touched. IO::Async has no such limit.</li>
 *   <li>{@linkplain #writeLimit(long) Write limit} (64 MiB): a write that would queue more fails
 *       its future at once with category {@code write-limit} and queues nothing; the stream
 *       stays open. IO::Async has no such limit.</li>
 *   <li>{@linkplain #writeStallTimeout(Duration) Write stall timeout} (60 s on sockets): when
 *       queued bytes wait that long while the peer takes none of them, the queued writes fail
 *       with category {@code write-timeout}, {@code on_write_error} runs (or, without it, the
 *       error handlers) and the stream closes.
 *       IO::Async has no such deadline.</li>
 *   <li>{@linkplain #readIdleTimeout(Duration) Read idle} and
 *       {@linkplain #writeIdleTimeout(Duration) write idle} timeouts (off by default), as in
 *       Netty's {@code IdleStateHandler}: {@code on_read_idle} / {@code on_write_idle} run when
 *       nothing was read / written for that long, and again each such period; they may close
 *       the stream.</li>
 * </ul>
 *
 * <p>Thread rules: as for every notifier, all of it happens on the loop thread.
 */
public class Stream extends Handle {

    private static final System.Logger LOG = System.getLogger(Stream.class.getName());
    private static final int MAX_READS_PER_READY = 4;
    /** The most queued entries one gathering write takes. */
    private static final int MAX_GATHER = 64;

    /** The default {@linkplain #readLimit(int) read limit}: 16 MiB. */
    public static final int DEFAULT_READ_LIMIT = 16 << 20;

    /** The default {@linkplain #writeLimit(long) write limit}: 64 MiB. */
    public static final long DEFAULT_WRITE_LIMIT = 64L << 20;

    /** The default {@linkplain #writeStallTimeout(Duration) write stall timeout} of a stream writing to a socket: 60 s. */
    public static final Duration DEFAULT_WRITE_STALL_TIMEOUT = WriteStall.SOCKET_DEFAULT;

    private ReadHandler onRead;
    private Charset charset = StandardCharsets.UTF_8;
    private int readLen = 64 * 1024;
    private int writeLen = 256 * 1024;
    private boolean autoflush;
    private boolean closeOnReadEof = true;
    private long writeHigh = 1 << 20;
    private long writeLow = 256 * 1024;
    private int readHigh = 4 << 20;
    private int readLow = 1 << 20;
    private int readLimit = DEFAULT_READ_LIMIT;
    private long writeLimit = DEFAULT_WRITE_LIMIT;
    private boolean overReadHigh;
    private final IdleTimer readIdle = new IdleTimer();
    private final IdleTimer writeIdle = new IdleTimer();
    private final WriteStall writeStall = new WriteStall();
    private ByteBuffer gatherCut; // set by collectGather while a buffer's limit is lowered
    private int gatherCutLimit;
    private long gatherOffered;
    private Runnable onReadIdle;
    private Runnable onWriteIdle;

    private Runnable onReadEof;
    private Runnable onWriteEof;
    private Runnable onOutgoingEmpty;
    private Runnable onWriteableStart;
    private Runnable onWriteableStop;
    private Consumer<IOException> onReadError;
    private Consumer<IOException> onWriteError;
    private IntConsumer onReadHighWatermark;
    private IntConsumer onReadLowWatermark;

    private final ReadBuffer buffer = new ReadBuffer();
    private final ArrayDeque<PendingRead> readQueue = new ArrayDeque<>();
    private final ArrayDeque<PendingWrite> writeQueue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean readEof;
    private boolean writeEof;
    private boolean flushingRead;
    private boolean readPaused;
    private boolean drainScheduled;
    private boolean writeable = true;
    private boolean closingWhenEmpty;
    private boolean shutdownWhenEmpty;
    private TlsFilter tls;
    private boolean flushScheduled;
    private final Runnable flushTask = this::scheduledFlush;
    private boolean suspended;
    private List<Runnable> drainWaiters = List.of();
    /** The entries, buffers and lengths of one gathering write; made on the first one. */
    private PendingWrite[] gathered;
    private ByteBuffer[] gatheredBuffers;
    private int[] gatheredLengths;
    /**
     * The entries of the write in flight on a {@link CompletionWriteHandle} (owned by the handle
     * until its result is taken), the bytes of each in it and how many entries.
     */
    private PendingWrite[] submitted;
    private int[] submittedLengths;
    private int submittedCount;

    /** Creates a stream with no handles yet. */
    public Stream() {
    }

    /**
     * Creates a stream over one handle (a socket, or one end of a pipe).
     *
     * @param handle the handle
     */
    public Stream(IoHandle handle) {
        super(handle);
    }

    /**
     * Creates a stream over separate read and write handles.
     *
     * @param readHandle the handle to read, or {@code null}
     * @param writeHandle the handle to write, or {@code null}
     */
    public Stream(IoHandle readHandle, IoHandle writeHandle) {
        super(readHandle, writeHandle);
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Sets the main read handler ({@code on_read}). Reading starts when the stream is in a loop.
     *
     * @param handler the handler
     * @return this
     */
    public Stream onRead(ReadHandler handler) {
        this.onRead = handler;
        startReading();
        return this;
    }

    /**
     * Sets the charset used by text writes and text reads (IO::Async's {@code encoding}).
     *
     * @param charset the charset; UTF-8 by default
     * @return this
     */
    public Stream charset(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
        return this;
    }

    /** {@return the charset of text reads and writes} */
    public Charset charset() {
        return charset;
    }

    /**
     * Sets how many bytes one read asks for ({@code read_len}, default 64 KiB).
     *
     * @param len more than zero
     * @return this
     */
    public Stream readLen(int len) {
        if (len <= 0) {
            throw new IllegalArgumentException("read_len must be more than zero, not " + len);
        }
        this.readLen = len;
        return this;
    }

    /**
     * Sets how many bytes one write hands to the operating system at most ({@code write_len},
     * default 256 KiB).
     *
     * @param len more than zero
     * @return this
     */
    public Stream writeLen(int len) {
        if (len <= 0) {
            throw new IllegalArgumentException("write_len must be more than zero, not " + len);
        }
        this.writeLen = len;
        return this;
    }

    /**
     * With autoflush, a write into an empty queue is attempted at once instead of at the next
     * write-readiness ({@code autoflush}).
     *
     * @param on whether to flush at once
     * @return this
     */
    public Stream autoflush(boolean on) {
        this.autoflush = on;
        return this;
    }

    /**
     * Whether reaching end of file closes the stream ({@code close_on_read_eof}, default true).
     * Off, the stream stays open for writing after the peer half-closed.
     *
     * @param on whether to close
     * @return this
     */
    public Stream closeOnReadEof(boolean on) {
        this.closeOnReadEof = on;
        return this;
    }

    /**
     * Sets the write-queue watermarks for {@code on_writeable_stop}/{@code on_writeable_start}.
     *
     * @param high bytes queued above which the stream is not writeable
     * @param low bytes queued at or under which it is writeable again
     * @return this
     */
    public Stream writeWatermarks(long high, long low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("write watermarks need 0 <= low <= high, not low=" + low + " high=" + high);
        }
        this.writeHigh = high;
        this.writeLow = low;
        return this;
    }

    /**
     * Sets the read-buffer watermarks that pause and resume reading.
     *
     * @param high buffered bytes at or above which reading pauses; 0 turns read backpressure off
     * @param low buffered bytes under which reading resumes
     * @return this
     */
    public Stream readWatermarks(int high, int low) {
        if (high != 0 && (low < 0 || high < low)) {
            throw new IllegalArgumentException("read watermarks need 0 <= low <= high, not low=" + low + " high=" + high);
        }
        this.readHigh = high;
        this.readLow = low;
        return this;
    }

    /**
     * Sets what runs at end of file, after the handler saw it ({@code on_read_eof}).
     *
     * @param code the callback
     * @return this
     */
    public Stream onReadEof(Runnable code) {
        this.onReadEof = code;
        return this;
    }

    /**
     * Sets what runs when a write finds the peer gone (EPIPE) ({@code on_write_eof}).
     *
     * @param code the callback
     * @return this
     */
    public Stream onWriteEof(Runnable code) {
        this.onWriteEof = code;
        return this;
    }

    /**
     * Sets what runs each time the write queue becomes empty ({@code on_outgoing_empty}).
     *
     * @param code the callback
     * @return this
     */
    public Stream onOutgoingEmpty(Runnable code) {
        this.onOutgoingEmpty = code;
        return this;
    }

    /**
     * Sets what runs when the queue falls to the low write watermark ({@code on_writeable_start}).
     *
     * @param code the callback
     * @return this
     */
    public Stream onWriteableStart(Runnable code) {
        this.onWriteableStart = code;
        return this;
    }

    /**
     * Sets what runs when the queue passes the high write watermark ({@code on_writeable_stop}).
     *
     * @param code the callback
     * @return this
     */
    public Stream onWriteableStop(Runnable code) {
        this.onWriteableStop = code;
        return this;
    }

    /**
     * Sets what runs when a read fails ({@code on_read_error}); without it the stream closes.
     *
     * @param code the callback, given the error
     * @return this
     */
    public Stream onReadError(Consumer<IOException> code) {
        this.onReadError = code;
        return this;
    }

    /**
     * Sets what runs when a write fails ({@code on_write_error}); without it the stream closes.
     *
     * @param code the callback, given the error
     * @return this
     */
    public Stream onWriteError(Consumer<IOException> code) {
        this.onWriteError = code;
        return this;
    }

    /**
     * Sets what runs when reading pauses at the high read watermark.
     *
     * @param code the callback, given the buffered size
     * @return this
     */
    public Stream onReadHighWatermark(IntConsumer code) {
        this.onReadHighWatermark = code;
        return this;
    }

    /**
     * Sets what runs when reading resumes under the low read watermark.
     *
     * @param code the callback, given the buffered size
     * @return this
     */
    public Stream onReadLowWatermark(IntConsumer code) {
        this.onReadLowWatermark = code;
        return this;
    }

    /**
     * Sets the most bytes the stream holds read and not consumed (default 16 MiB, see
     * {@link #DEFAULT_READ_LIMIT}). Past it the stream fails with category {@code read-limit} and
     * closes. No such limit exists in IO::Async; it bounds what one peer can make the process hold.
     *
     * @param bytes the limit, at least the read length; 0 turns it off
     * @return this
     */
    public Stream readLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("read limit must be 0 (off) or more, not " + bytes);
        }
        this.readLimit = bytes;
        return this;
    }

    /** {@return the read limit in bytes, 0 when off} */
    public int readLimit() {
        return readLimit;
    }

    /**
     * Sets the most bytes the write queue holds (default 64 MiB, see {@link #DEFAULT_WRITE_LIMIT}).
     * A write that would queue more fails its future at once with category {@code write-limit}
     * and queues nothing; the watermark events are unchanged. No such limit exists in IO::Async.
     *
     * @param bytes the limit; 0 turns it off
     * @return this
     */
    public Stream writeLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("write limit must be 0 (off) or more, not " + bytes);
        }
        this.writeLimit = bytes;
        return this;
    }

    /** {@return the write limit in bytes, 0 when off} */
    public long writeLimit() {
        return writeLimit;
    }

    /**
     * Sets the write stall timeout: how long queued bytes may wait while the peer takes none of
     * them (counted from the flush that left bytes queued, and again from every write that moved
     * bytes; nginx's {@code send_timeout}). Past it the queued writes fail with category
     * {@code write-timeout}, {@code on_write_error} runs with the error (without it, the
     * notifier's error handlers get it, as for {@code read-limit}) and the stream closes. The default is 60 s ({@link #DEFAULT_WRITE_STALL_TIMEOUT}) when the stream writes to a
     * socket and none for pipes and other handles. No such deadline exists in IO::Async: a peer
     * that stops reading would otherwise hold the connection and its queue for ever, also after
     * {@link #closeWhenEmpty()}.
     *
     * @param timeout the timeout; {@link Duration#ZERO} turns it off; {@code null} restores the default
     * @return this
     */
    public Stream writeStallTimeout(Duration timeout) {
        if (timeout != null) {
            nonNegative(timeout, "write stall timeout");
        }
        writeStall.timeout(timeout);
        return this;
    }

    /** {@return the write stall timeout set, or {@code null} for the default (60 s on sockets, none otherwise)} */
    public Duration writeStallTimeout() {
        return writeStall.timeout();
    }

    /**
     * Sets the read idle timeout (off by default): when nothing was read for this long,
     * {@link #onReadIdle(Runnable) on_read_idle} runs, and again each such period while nothing is
     * read (Netty's {@code IdleStateHandler} reader idle).
     *
     * @param timeout the timeout; {@link Duration#ZERO} turns it off
     * @return this
     */
    public Stream readIdleTimeout(Duration timeout) {
        readIdle.timeout(nonNegative(timeout, "read idle timeout"));
        restartIdleTimers();
        return this;
    }

    /**
     * Sets the write idle timeout (off by default): when nothing was written for this long,
     * {@link #onWriteIdle(Runnable) on_write_idle} runs, and again each such period (Netty's
     * {@code IdleStateHandler} writer idle). A stream whose queued data the peer does not take is
     * write-idle too.
     *
     * @param timeout the timeout; {@link Duration#ZERO} turns it off
     * @return this
     */
    public Stream writeIdleTimeout(Duration timeout) {
        writeIdle.timeout(nonNegative(timeout, "write idle timeout"));
        restartIdleTimers();
        return this;
    }

    private static Duration nonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }

    /**
     * Sets what runs when the read idle timeout expires ({@code on_read_idle}); it may close the
     * stream. Without it, nothing happens.
     *
     * @param code the callback
     * @return this
     */
    public Stream onReadIdle(Runnable code) {
        this.onReadIdle = code;
        return this;
    }

    /**
     * Sets what runs when the write idle timeout expires ({@code on_write_idle}); it may close the
     * stream. Without it, nothing happens.
     *
     * @param code the callback
     * @return this
     */
    public Stream onWriteIdle(Runnable code) {
        this.onWriteIdle = code;
        return this;
    }

    private void readIdle() {
        if (onReadIdle != null && !isClosed()) {
            invokeEvent("on_read_idle", onReadIdle);
        }
    }

    private void writeIdle() {
        if (onWriteIdle != null && !isClosed()) {
            invokeEvent("on_write_idle", onWriteIdle);
        }
    }

    private void restartIdleTimers() {
        Loop l = loop();
        if (l != null && !isClosed()) {
            readIdle.start(l, this::readIdle);
            writeIdle.start(l, this::writeIdle);
        }
    }

    @Override
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "on_read" -> onRead(parameter(key, value, ReadHandler.class));
            case "read_len" -> readLen(parameter(key, value, Integer.class));
            case "write_len" -> writeLen(parameter(key, value, Integer.class));
            case "autoflush" -> autoflush(Boolean.TRUE.equals(parameter(key, value, Boolean.class)));
            case "close_on_read_eof" -> closeOnReadEof(Boolean.TRUE.equals(parameter(key, value, Boolean.class)));
            case "encoding" -> charset(Charset.forName(parameter(key, value, String.class)));
            case "on_read_eof" -> onReadEof(parameter(key, value, Runnable.class));
            case "on_write_eof" -> onWriteEof(parameter(key, value, Runnable.class));
            case "on_outgoing_empty" -> onOutgoingEmpty(parameter(key, value, Runnable.class));
            default -> super.configureParameter(key, value);
        }
    }

    // ------------------------------------------------------------------ state

    /** {@return the read buffer (what was read and not consumed)} */
    public ReadBuffer readBuffer() {
        return buffer;
    }

    /** {@return whether end of file was read} */
    public boolean isReadEof() {
        return readEof;
    }

    /** {@return whether a write found the peer gone} */
    public boolean isWriteEof() {
        return writeEof;
    }

    /** {@return whether the write queue is under the high watermark} */
    public boolean isWriteable() {
        return writeable;
    }

    /** {@return the bytes queued and not yet written (generators and futures not counted)} */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** {@return whether reading is paused at the high read watermark} */
    public boolean isReadPaused() {
        return readPaused;
    }

    // ------------------------------------------------------------------ reading

    /** A future bound to this stream's loop, or to the loop it is added to later (for {@link Tls}). */
    <T> Future<T> futureOnItsLoop() {
        return newFuture();
    }

    @Override
    protected void addedToLoop(Loop loop) {
        super.addedToLoop(loop);
        if (!isClosed()) {
            // a stream taken out while closing and added again starts afresh (IO::Async does too)
            closingWhenEmpty = false;
            shutdownWhenEmpty = false;
            restartIdleTimers();
        }
        startReading();
        if (!writeQueue.isEmpty() && writeHandle() != null) {
            wantWriteReady(true);
        }
    }

    private void startReading() {
        if (loop() != null && readHandle() != null && !readEof && !readPaused && !isClosed() && !suspended) {
            wantReadReady(true);
            if (tls != null && tls.hasBufferedInput()) {
                // bytes that came with the handshake are already here: the socket will not say so
                loop().later(() -> {
                    if (!isClosed() && !suspended) {
                        readReady();
                    }
                });
            }
        }
    }

    @Override
    protected void readReady() {
        if (readEof || isClosed() || suspended) {
            return;
        }
        try {
            readAndDeliver();
        } finally {
            // what the handlers left moves to the heap: between reads a stream holds no direct buffer
            buffer.releaseDirect();
        }
    }

    /**
     * Reads the socket (straight into the read buffer's pooled direct buffer when it can, else
     * into the thread's {@link ReadScratch} and then appended) and hands what came to the read
     * handlers, a few reads per readiness while full chunks keep coming.
     */
    private void readAndDeliver() {
        int n;
        int reads = 0;
        do {
            ByteBuffer target = buffer.readTarget(readLen);
            ByteBuffer readChunk = target != null ? target : ReadScratch.take(readLen);
            try {
                n = readBytes(readChunk);
            } catch (IOException e) {
                if (target != null) {
                    buffer.commit(0);
                }
                readFailed(e);
                return;
            }
            if (target != null) {
                buffer.commit(n);
            }
            if (n > 0) {
                dev.ioasync.observe.LoopObserver.bytesRead(loop(), n);
                readIdle.touch();
                if (target == null) {
                    buffer.append(readChunk.flip());
                }
                flushReads(false);
                if (readLimit > 0 && buffer.size() > readLimit && !isClosed()) {
                    readLimitExceeded();
                    return;
                }
            }
            reads++;
            // a full chunk means more is likely waiting: take a few more before the next poll
        } while (n > 0 && !isClosed() && !readPaused && !suspended
                && ((tls != null && tls.hasBufferedInput()) || (n == readLen && reads < MAX_READS_PER_READY)));
        if (tls != null && tls.hasPendingOutput() && !isClosed()) {
            wantWriteReady(true);
        }
        if (n >= 0) {
            checkReadHighWatermark();
            return;
        }
        readEof = true;
        flushReads(true);
        if (onReadEof != null) {
            invokeEvent("on_read_eof", onReadEof);
        }
        finishPendingReads(null);
        if (isClosed()) {
            return;
        }
        if (closeOnReadEof) {
            closeWhenEmpty();
        } else {
            wantReadReady(false);
        }
    }

    private int readBytes(ByteBuffer dst) throws IOException {
        return tls == null ? readHandle().read(dst) : tls.read(readHandle(), dst);
    }

    private int writeBytes(ByteBuffer src) throws IOException {
        return tls == null ? writeHandle().write(src) : tls.write(writeHandle(), src);
    }

    /**
     * Queues a temporary read handler after those already queued (IO::Async's
     * {@code push_on_read}); it is called in preference to the main handler until it answers
     * {@link ReadResult#POP}. Buffered data is offered to it at once.
     *
     * @param handler the handler
     */
    public void pushOnRead(ReadHandler handler) {
        pushRead(new PendingRead(Objects.requireNonNull(handler, "handler"), null));
    }

    private void pushRead(PendingRead r) {
        readQueue.addLast(r);
        if (r.future != null) {
            r.future.onCancel(() -> {
                readQueue.remove(r);
                if (!flushingRead) {
                    flushReads(readEof);
                }
            });
        }
        if (!flushingRead && (!buffer.isEmpty() || readEof)) {
            flushReads(readEof);
        }
        if (readPaused) {
            resumeReading();
        }
        startReading();
    }

    private void flushReads(boolean eof) {
        while (!isClosedForReads() && flushOneRead(eof)) {
            // each call consumed something or changed the handler; go on
        }
        if (overReadHigh && buffer.size() <= readLow) {
            overReadHigh = false;
            if (onReadLowWatermark != null) {
                int size = buffer.size();
                invokeEvent("on_read_low_watermark", () -> onReadLowWatermark.accept(size));
            }
        }
    }

    private boolean isClosedForReads() {
        return isClosed() && buffer.isEmpty();
    }

    private boolean flushOneRead(boolean eof) {
        PendingRead head = readQueue.peekFirst();
        ReadHandler handler = head != null ? head.handler : onRead;
        if (handler == null) {
            return false;
        }
        int before = buffer.size();
        ReadResult result;
        flushingRead = true;
        try {
            result = handler.onRead(this, buffer, eof);
        } catch (RuntimeException e) {
            invokeError(new dev.ioasync.CallbackException(this, "on_read", e));
            return false;
        } finally {
            flushingRead = false;
        }
        if (result == null) {
            result = ReadResult.POP;
        }
        if (result.replacement() != null) {
            if (head != null) {
                head.handler = result.replacement();
            } else {
                readQueue.addFirst(new PendingRead(result.replacement(), null));
            }
            return true;
        }
        if (result == ReadResult.POP) {
            if (head != null) {
                // back to the handler before, which is called again even with an empty buffer
                // (IO::Async's _flush_one_read returns 1 after shifting the read queue)
                readQueue.remove(head);
                return true;
            }
            return false;
        }
        if (result == ReadResult.AGAIN) {
            boolean progressed = buffer.size() != before || readQueue.peekFirst() != head;
            return eof ? progressed : !buffer.isEmpty();
        }
        return false;
    }

    private void finishPendingReads(FutureFailure failure) {
        PendingRead r;
        while ((r = readQueue.pollFirst()) != null) {
            if (r.future != null && !r.future.isReady()) {
                if (failure == null) {
                    complete(r.future, null);
                } else {
                    r.future.fail(failure.getMessage(), failure.category(), failure.details().toArray());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Future<T> f, Object value) {
        f.done((T) value);
    }

    private void readFailed(IOException e) {
        finishPendingReads(new FutureFailure("read failed: " + e.getMessage(), "read", e));
        if (onReadError != null) {
            invokeEvent("on_read_error", () -> onReadError.accept(e));
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> this + ": read failed; closing", e);
            close();
        }
    }

    private void checkReadHighWatermark() {
        if (readHigh > 0 && !readPaused && buffer.size() >= readHigh && !isClosed()) {
            readPaused = true;
            wantReadReady(false);
            if (!overReadHigh) {
                overReadHigh = true;
                if (onReadHighWatermark != null) {
                    int size = buffer.size();
                    invokeEvent("on_read_high_watermark", () -> onReadHighWatermark.accept(size));
                }
            }
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        Loop loop = loop();
        if (loop == null || drainScheduled) {
            return;
        }
        drainScheduled = true;
        loop.later(this::drainPaused);
    }

    /** While paused: offer the buffer again; resume when it drained or the handler made no progress. */
    private void drainPaused() {
        drainScheduled = false;
        if (!readPaused || isClosed()) {
            return;
        }
        boolean haveHandler = onRead != null || !readQueue.isEmpty();
        if (!haveHandler) {
            return; // nothing can consume: stay paused until a handler or read future arrives
        }
        int before = buffer.size();
        flushReads(false);
        if (buffer.size() < readLow || buffer.size() == before) {
            resumeReading();
        } else {
            scheduleDrain();
        }
    }

    private void resumeReading() {
        readPaused = false;
        startReading();
    }

    private void readLimitExceeded() {
        dev.ioasync.observe.LoopObserver.limitHit(loop(), "read-limit", readLimit, buffer.size(), this);
        fail(new StreamException("read-limit", this + " holds " + buffer.size() + " bytes read and not consumed,"
                + " more than its read limit of " + readLimit + " bytes; closing it"));
    }

    /**
     * Ends the stream with an error of its own (a limit or a protocol violation): pending read
     * futures and writes fail with the error's category, {@code on_read_error} runs with it (or,
     * without that handler, it goes to the notifier's error handlers, as IO::Async's
     * {@code invoke_error}), the buffered bytes are dropped and the stream closes. Does nothing
     * on a closed stream.
     *
     * @param error the error, for example category {@code read-limit}
     */
    public void fail(StreamException error) {
        Objects.requireNonNull(error, "error");
        if (isClosed()) {
            return;
        }
        finishPendingReads(new FutureFailure(error.getMessage(), error.category(), error));
        failPendingWrites(error.getMessage(), error.category(), error);
        buffer.clear();
        try {
            if (onReadError != null) {
                invokeEvent("on_read_error", () -> onReadError.accept(error));
            } else {
                invokeError(error);
            }
        } finally {
            close(); // closed even when a fatal error comes out of the handler
        }
    }

    // ------------------------------------------------------------------ read futures

    private <T> Future<T> pushFuture(java.util.function.Function<Future<T>, ReadHandler> make) {
        Future<T> f = newFuture();
        if (isClosed() && buffer.isEmpty()) {
            return f.fail("cannot read from " + this + ": it is closed", "closed");
        }
        if (readHandle() == null && buffer.isEmpty() && !readEof && (writeHandle() != null || loop() != null)) {
            return f.fail("cannot read from " + this + ": it has no read handle", "read");
        }
        pushRead(new PendingRead(make.apply(f), f));
        return f;
    }

    /**
     * Reads through the first {@code delimiter} ({@code read_until}); the text returned ends with
     * it. At end of file it completes with what is left.
     *
     * @param delimiter for example {@code "\n"}
     * @return the text, decoded in the stream's charset
     */
    public Future<String> readUntil(String delimiter) {
        byte[] d = Objects.requireNonNull(delimiter, "delimiter").getBytes(charset);
        if (d.length == 0) {
            throw new IllegalArgumentException("readUntil needs a non-empty delimiter");
        }
        DelimiterScan scan = new DelimiterScan(d);
        return pushFuture(f -> (s, buf, eof) -> {
            int i = scan.find(buf);
            if (i >= 0) {
                f.done(buf.takeString(i + d.length, charset));
            } else if (eof) {
                f.done(buf.takeString(buf.size(), charset));
            } else {
                return ReadResult.WAIT;
            }
            return ReadResult.POP;
        });
    }

    /**
     * Reads through the first match of {@code pattern} in the decoded buffer ({@code read_until}
     * with a regexp). At end of file it completes with what is left.
     *
     * @param pattern the pattern
     * @return the text through the end of the match
     */
    public Future<String> readUntil(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return pushFuture(f -> (s, buf, eof) -> {
            String text = buf.peekString(charset);
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                String taken = text.substring(0, m.end());
                buf.skip(taken.getBytes(charset).length);
                f.done(taken);
            } else if (eof) {
                f.done(buf.takeString(buf.size(), charset));
            } else {
                return ReadResult.WAIT;
            }
            return ReadResult.POP;
        });
    }

    /**
     * Reads one line, through {@code \n}.
     *
     * @return the line with its line ending; at end of file what is left
     */
    public Future<String> readLine() {
        return readUntil("\n");
    }

    /**
     * Reads exactly {@code n} bytes ({@code read_exactly}); at end of file, what is left.
     *
     * @param n how many
     * @return the bytes
     */
    public Future<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly needs a count of zero or more, not " + n);
        }
        return pushFuture(f -> (s, buf, eof) -> {
            if (buf.size() >= n) {
                f.done(buf.take(n));
            } else if (eof) {
                f.done(buf.takeAll());
            } else {
                return ReadResult.WAIT;
            }
            return ReadResult.POP;
        });
    }

    /**
     * Reads what is buffered, at most {@code n} bytes, waiting for at least one
     * ({@code read_atmost}); at end of file an empty array.
     *
     * @param n the most to take
     * @return the bytes
     */
    public Future<byte[]> readAtMost(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("readAtMost needs a count of one or more, not " + n);
        }
        return pushFuture(f -> (s, buf, eof) -> {
            if (!buf.isEmpty()) {
                f.done(buf.take(Math.min(n, buf.size())));
            } else if (eof) {
                f.done(new byte[0]);
            } else {
                return ReadResult.WAIT;
            }
            return ReadResult.POP;
        });
    }

    /**
     * Reads everything until end of file ({@code read_until_eof}).
     *
     * @return the bytes
     */
    public Future<byte[]> readUntilEof() {
        return pushFuture(f -> (s, buf, eof) -> {
            if (!eof) {
                return ReadResult.WAIT;
            }
            f.done(buf.takeAll());
            return ReadResult.POP;
        });
    }

    // ------------------------------------------------------------------ writing

    /**
     * Queues bytes.
     *
     * @param data the bytes (copied now: the caller may reuse the array at once)
     * @return a future done when they are written
     */
    public Future<Void> write(byte[] data) {
        return write(data, null, null);
    }

    /**
     * Queues bytes with callbacks.
     *
     * @param data the bytes (copied now: the caller may reuse the array at once)
     * @param onWrite called with each count of bytes written, or {@code null}
     * @param onFlush called once all of them are written, or {@code null}
     * @return a future done when they are written, just before {@code onFlush}
     */
    public Future<Void> write(byte[] data, IntConsumer onWrite, Runnable onFlush) {
        Objects.requireNonNull(data, "data");
        return enqueueCopy(ByteBuffer.wrap(data), onWrite, onFlush);
    }

    /**
     * Queues text, encoded in the stream's charset.
     *
     * @param text the text
     * @return a future done when it is written
     */
    public Future<Void> write(String text) {
        return enqueue(ByteBuffer.wrap(Objects.requireNonNull(text, "text").getBytes(charset)), null, null, null, null);
    }

    /**
     * Queues text, encoded in the stream's charset, with callbacks.
     *
     * @param text the text
     * @param onWrite called with each count of bytes written, or {@code null}
     * @param onFlush called once all of it is written, or {@code null}
     * @return a future done when it is written, just before {@code onFlush}
     */
    public Future<Void> write(String text, IntConsumer onWrite, Runnable onFlush) {
        return enqueue(ByteBuffer.wrap(Objects.requireNonNull(text, "text").getBytes(charset)), null, null, onWrite,
                onFlush);
    }

    /**
     * Queues the remaining bytes of a buffer (copied now).
     *
     * @param data the bytes
     * @return a future done when they are written
     */
    public Future<Void> write(ByteBuffer data) {
        return enqueueCopy(Objects.requireNonNull(data, "data").duplicate(), null, null);
    }

    /**
     * Queues the remaining bytes of a buffer the caller hands over, without copying them: the
     * hand-over twin of IO::Async's {@code write}. The stream owns the buffer from now until the
     * returned future is ready (done when its bytes are written, failed when the write fails or
     * the stream closes first): the caller must not change its bytes, position or limit
     * meanwhile, and may use it again afterwards. A direct buffer goes to the socket as it is
     * (no copy at all); a read-only {@linkplain ByteBuffer#duplicate() duplicate} of one shared
     * buffer is the way to send the same bytes on many streams.
     *
     * @param data the bytes, from its position to its limit
     * @return a future done when they are written
     */
    public Future<Void> writeOwned(ByteBuffer data) {
        return writeOwned(data, null, null);
    }

    /**
     * Queues a buffer the caller hands over, without copying it, with callbacks; see
     * {@link #writeOwned(ByteBuffer)} for who owns the buffer when.
     *
     * @param data the bytes, from its position to its limit
     * @param onWrite called with each count of bytes written, or {@code null}
     * @param onFlush called once all of them are written, or {@code null}
     * @return a future done when they are written, just before {@code onFlush}
     */
    public Future<Void> writeOwned(ByteBuffer data, IntConsumer onWrite, Runnable onFlush) {
        return enqueue(Objects.requireNonNull(data, "data"), null, null, onWrite, onFlush);
    }

    /**
     * Moves the first {@code n} bytes of a read buffer (this stream's or another's) to the write
     * queue: what an echo or a proxy does with what it read. While the read buffer holds them in
     * the direct buffer the socket was read into (in a read handler, the usual case), that buffer
     * itself moves to the write queue when they are most of it: no copy, as Netty's
     * {@code retainedSlice}; else they are copied once, straight into a pooled direct buffer, where
     * {@code write(buffer.take(n))} copies them twice. A write this
     * stream refuses (closed, over its write limit, ...) leaves the bytes in the read buffer. No
     * such method exists in IO::Async, where {@code write(substr(...))} is the idiom.
     *
     * @param buffer the read buffer, for example the one a read handler was given
     * @param n how many bytes, at most {@code buffer.size()}
     * @return a future done when they are written
     */
    public Future<Void> writeFrom(ReadBuffer buffer, int n) {
        Objects.requireNonNull(buffer, "buffer");
        if (n < 0 || n > buffer.size()) {
            throw new IndexOutOfBoundsException("cannot write " + n + " bytes from a read buffer of " + buffer.size());
        }
        Future<Void> refused = refusal(n);
        if (refused != null) {
            return refused;
        }
        ByteBuffer bytes = buffer.handOver(n);
        boolean pooled = bytes != null;
        if (!pooled) {
            bytes = DirectBufferPool.current().take(n);
            pooled = bytes != null;
            if (!pooled) {
                bytes = ByteBuffer.allocate(n);
            }
            buffer.moveTo(bytes, n);
            bytes.flip();
        }
        PendingWrite w = new PendingWrite(bytes, null, null, null, null, this.<Void>newFuture().observe());
        w.pooled = pooled;
        return queue(w);
    }

    /**
     * Queues a copy of {@code src}'s remaining bytes: into a direct buffer of the thread's
     * {@link DirectBufferPool}, or into the heap when the pool has none to lend. Refused writes
     * copy nothing.
     */
    private Future<Void> enqueueCopy(ByteBuffer src, IntConsumer onWrite, Runnable onFlush) {
        int len = src.remaining();
        Future<Void> refused = refusal(len);
        if (refused != null) {
            return refused;
        }
        ByteBuffer copy = DirectBufferPool.current().take(len);
        boolean pooled = copy != null;
        if (!pooled) {
            copy = ByteBuffer.allocate(len);
        }
        copy.put(src).flip();
        PendingWrite w = new PendingWrite(copy, null, null, onWrite, onFlush, this.<Void>newFuture().observe());
        w.pooled = pooled;
        return queue(w);
    }

    /**
     * Queues a generator, called each time the queue reaches it and has drained, until it returns
     * {@code null}. It returns {@code byte[]}, {@link String} or {@link ByteBuffer}.
     *
     * @param generator the generator
     * @return a future done when the generator has returned {@code null} and all its data is written
     */
    public Future<Void> write(Supplier<?> generator) {
        return enqueue(null, Objects.requireNonNull(generator, "generator"), null, null, null);
    }

    /**
     * Queues data that is not there yet: the future's value ({@code byte[]}, {@link String} or
     * {@link ByteBuffer}) is written when the queue reaches it and it is done. If it fails, the
     * write fails the same way.
     *
     * @param data the future data
     * @return a future done when the data is written
     */
    public Future<Void> write(Future<?> data) {
        return enqueue(null, null, Objects.requireNonNull(data, "data"), null, null);
    }

    private Future<Void> enqueue(ByteBuffer data, Supplier<?> generator, Future<?> source, IntConsumer onWrite,
            Runnable onFlush) {
        Future<Void> refused = refusal(data == null ? -1 : data.remaining());
        if (refused != null) {
            return refused;
        }
        // a write failure also reaches on_write_error (or closes the stream): not reported twice
        return queue(new PendingWrite(data, generator, source, onWrite, onFlush, this.<Void>newFuture().observe()));
    }

    /**
     * The failed future of a write this stream refuses now (closed, closing, peer gone, no write
     * handle, over the write limit), or {@code null} when it takes it.
     *
     * @param bytes the bytes to queue, or -1 for a generator or future whose size is not known
     */
    private Future<Void> refusal(long bytes) {
        if (isClosed() || closingWhenEmpty || shutdownWhenEmpty) {
            return this.<Void>newFuture().observe()
                    .fail("cannot write to " + this + ": it is " + (isClosed() ? "closed" : "closing"), "closed");
        }
        if (writeEof) {
            return this.<Void>newFuture().observe().fail("cannot write to " + this + ": the peer is gone", "write");
        }
        if (writeHandle() == null && (readHandle() != null || loop() != null)) {
            return this.<Void>newFuture().observe().fail("cannot write to " + this + ": it has no write handle", "write");
        }
        if (bytes >= 0 && writeLimit > 0 && queuedBytes + bytes > writeLimit) {
            dev.ioasync.observe.LoopObserver.limitHit(loop(), "write-limit", writeLimit, queuedBytes + bytes, this);
            // not observed: a writer that ignores this future is told by the unobserved-failure report
            return this.<Void>newFuture().fail("cannot write " + bytes + " bytes to " + this + ": "
                    + queuedBytes + " bytes are queued and its write limit is " + writeLimit + " bytes", "write-limit");
        }
        return null;
    }

    private Future<Void> queue(PendingWrite w) {
        Future<Void> f = w.future;
        writeQueue.addLast(w);
        queuedBytes += w.queuedBytes();
        checkWriteHighWatermark();
        if (loop() == null || writeHandle() == null || suspended) {
            return f; // flushed once the stream is in a loop with a write handle (and not mid-upgrade)
        }
        if (autoflush && writeQueue.size() == 1) {
            doWrite();
        } else if (!flushScheduled && !isWantingWriteReady()) {
            // Write at the end of this loop iteration rather than asking the poller for
            // write-readiness: a socket is nearly always writable, and this saves two poller
            // updates per burst of writes. What does not fit then waits for write-readiness.
            flushScheduled = true;
            loop().later(flushTask);
        }
        return f;
    }

    @Override
    protected void writeReady() {
        doWrite();
    }

    private void scheduledFlush() {
        flushScheduled = false;
        if (!isClosed() && !suspended && writeHandle() != null) {
            doWrite();
        }
    }

    private void doWrite() {
        if (suspended) {
            return;
        }
        try {
            if (tls != null && !tls.flush(writeHandle())) {
                wantWriteReady(true);
                return;
            }
        } catch (IOException e) {
            writeFailed(e);
            return;
        }
        while (!writeQueue.isEmpty() && !isClosed() && flushOneWrite()) {
            // keep writing while the handle takes bytes
        }
        if (isClosed()) {
            return;
        }
        if (writeQueue.isEmpty() && (tls == null || !tls.hasPendingOutput())) {
            wantWriteReady(false);
            writeStall.drained();
            if (onOutgoingEmpty != null) {
                invokeEvent("on_outgoing_empty", onOutgoingEmpty);
            }
            runDrainWaiters();
            if (closingWhenEmpty && !isClosed()) {
                close();
            } else if (shutdownWhenEmpty && !isClosed()) {
                shutdownWrite();
            }
        } else {
            wantWriteReady(true);
            writeStall.waiting(loop(), writeHandle() instanceof SocketHandle, this::writeStalled);
        }
    }

    /** The peer took none of the queued bytes for the write stall timeout: fail them and close. */
    private void writeStalled() {
        if (isClosed() || (writeQueue.isEmpty() && (tls == null || !tls.hasPendingOutput()))) {
            return;
        }
        long ms = writeStall.timeoutNanos() / 1_000_000;
        StreamException e = new StreamException("write-timeout", this + ": the peer took none of the " + queuedBytes
                + " queued bytes for " + ms + " ms, its write stall timeout (stream.writeStallTimeout(d) changes it,"
                + " Duration.ZERO turns it off); closing it");
        failPendingWrites(e.getMessage(), "write-timeout", e);
        try {
            if (onWriteError != null) {
                invokeEvent("on_write_error", () -> onWriteError.accept(e));
            } else {
                invokeError(e); // as a read-limit error without on_read_error
            }
        } finally {
            close(); // a stalled peer is let go even when the handler keeps the stream
        }
    }

    private void runDrainWaiters() {
        if (drainWaiters.isEmpty()) {
            return;
        }
        List<Runnable> waiters = drainWaiters;
        drainWaiters = List.of();
        waiters.forEach(Runnable::run);
    }

    /** Writes from the head of the queue; {@code false} when the handle takes no more now. */
    private boolean flushOneWrite() {
        PendingWrite head = writeQueue.peekFirst();
        if (head.data == null && !materialise(head)) {
            return !writeQueue.isEmpty() && writeQueue.peekFirst() != head;
        }
        if (writeQueue.peekFirst() != head) {
            return true;
        }
        if (tls == null && writeHandle() instanceof CompletionWriteHandle c && (c.writeInFlight() || c.canSubmitWrite())) {
            int r = flushByCompletion(c);
            if (r >= 0) {
                return r == 1;
            }
        }
        if (tls == null && writeQueue.size() > 1 && head.data.remaining() < writeLen) {
            return flushGathered();
        }
        ByteBuffer data = head.data;
        int limit = data.limit();
        if (data.remaining() > writeLen) {
            data.limit(data.position() + writeLen);
        }
        int n;
        try {
            n = writeBytes(data);
        } catch (IOException e) {
            writeFailed(e);
            return false;
        } finally {
            data.limit(limit);
        }
        if (n > 0) {
            dev.ioasync.observe.LoopObserver.bytesWritten(loop(), n);
            writeIdle.touch();
            writeStall.progress();
            queuedBytes -= n;
            if (head.onWrite != null) {
                invokeEvent("on_write", () -> head.onWrite.accept(n));
            }
            checkWriteLowWatermark();
        }
        if (!data.hasRemaining()) {
            writeQueue.remove(head);
            flushed(head);
            return true;
        }
        return n > 0;
    }

    /**
     * Takes the entries at the head of the queue that hold bytes, for one gathering write: at most
     * {@link #MAX_GATHER} entries and {@code write_len} bytes, the entries, their lengths and
     * their buffers put in the three arrays. A buffer cut at {@code write_len} has its limit
     * lowered until {@link #restoreGatherCut()}; the bytes offered are left in {@link #gatherOffered}.
     *
     * @return how many entries were taken
     */
    private int collectGather(PendingWrite[] entries, int[] lengths, ByteBuffer[] buffers) {
        int count = 0;
        long offered = 0;
        gatherCut = null;
        for (PendingWrite w : writeQueue) {
            if (w.data == null || count == MAX_GATHER || offered >= writeLen) {
                break;
            }
            ByteBuffer d = w.data;
            int len = d.remaining();
            if (offered + len > writeLen) {
                gatherCut = d;
                gatherCutLimit = d.limit();
                len = (int) (writeLen - offered);
                d.limit(d.position() + len);
            }
            entries[count] = w;
            buffers[count] = d;
            lengths[count] = len;
            count++;
            offered += len;
        }
        gatherOffered = offered;
        return count;
    }

    /** Gives the buffer {@link #collectGather} cut at {@code write_len} its limit back. */
    private void restoreGatherCut() {
        if (gatherCut != null) {
            gatherCut.limit(gatherCutLimit);
            gatherCut = null;
        }
    }

    /**
     * Writes the entries at the head of the queue that hold bytes in one gathering write (at most
     * {@link #MAX_GATHER} entries and {@code write_len} bytes), then runs their callbacks in queue
     * order, each entry's as if it had been written alone. {@code false} when the handle took less
     * than it was offered.
     */
    private boolean flushGathered() {
        PendingWrite[] entries = gathered;
        if (entries == null) {
            entries = new PendingWrite[MAX_GATHER];
            gathered = entries;
            gatheredBuffers = new ByteBuffer[MAX_GATHER];
            gatheredLengths = new int[MAX_GATHER];
        }
        ByteBuffer[] buffers = gatheredBuffers;
        int[] lengths = gatheredLengths;
        int count = collectGather(entries, lengths, buffers);
        long offered = gatherOffered;
        long n;
        try {
            n = offered == 0 ? 0 : writeHandle().write(buffers, 0, count);
        } catch (IOException e) {
            Arrays.fill(entries, 0, count, null);
            writeFailed(e);
            return false;
        } finally {
            restoreGatherCut();
            Arrays.fill(buffers, 0, count, null);
        }
        apportion(entries, lengths, count, n, false);
        return settleWritten(entries, lengths, count) == SETTLED_ALL && n == offered;
    }

    /** {@link #settleWritten}: every entry was written whole and is done. */
    private static final int SETTLED_ALL = 0;
    /** {@link #settleWritten}: the entry now at the head was written in part. */
    private static final int SETTLED_PART = 1;
    /** {@link #settleWritten}: a callback closed the stream or failed its writes. */
    private static final int SETTLED_GONE = 2;

    /**
     * Shares {@code n} bytes written in one gathering (or completed) write out among the first
     * {@code count} entries: each one's length becomes what it took, in queue order, an entry
     * written whole is marked sent (done even if a callback of an entry before it closes the
     * stream), and with {@code advance} the buffers' positions move past what was written (a
     * completed write, whose handle never moves them).
     */
    private void apportion(PendingWrite[] entries, int[] lengths, int count, long n, boolean advance) {
        if (n > 0) {
            dev.ioasync.observe.LoopObserver.bytesWritten(loop(), (int) n);
            writeIdle.touch();
            writeStall.progress();
        }
        long left = n;
        for (int i = 0; i < count; i++) {
            int k = (int) Math.min(left, lengths[i]);
            lengths[i] = k;
            left -= k;
            ByteBuffer d = entries[i].data;
            if (d != null) {
                if (advance) {
                    d.position(d.position() + k);
                }
                entries[i].sent = !d.hasRemaining();
            }
        }
    }

    /**
     * Runs the callbacks of the entries {@link #apportion} shared a write out among, in queue
     * order, each entry's as if it had been written alone, and takes those written whole off the
     * queue; clears {@code entries}.
     *
     * @return {@link #SETTLED_ALL}, {@link #SETTLED_PART} or {@link #SETTLED_GONE}
     */
    private int settleWritten(PendingWrite[] entries, int[] lengths, int count) {
        for (int i = 0; i < count; i++) {
            PendingWrite w = entries[i];
            entries[i] = null;
            if (writeQueue.peekFirst() != w) {
                Arrays.fill(entries, i, count, null);
                return SETTLED_GONE;
            }
            int k = lengths[i];
            if (k > 0) {
                queuedBytes -= k;
                if (w.onWrite != null) {
                    invokeEvent("on_write", () -> w.onWrite.accept(k));
                }
                checkWriteLowWatermark();
            }
            if (!w.sent || writeQueue.peekFirst() != w) {
                Arrays.fill(entries, i + 1, count, null);
                return writeQueue.peekFirst() == w ? SETTLED_PART : SETTLED_GONE;
            }
            writeQueue.pollFirst();
            flushed(w);
        }
        return SETTLED_ALL;
    }

    /**
     * The flush of a handle whose loop completes its writes: takes the result of the write in
     * flight, or hands the entries at the head of the queue (at most {@link #MAX_GATHER} and
     * {@code write_len} bytes) over to the handle. The entries stay queued, and a pooled buffer
     * stays out of its pool, until the result is taken; their callbacks then run as those of a
     * gathering write. A partial send leaves the rest at the head, handed over again at once.
     *
     * @return 1 to go on flushing, 0 to wait for write-readiness (the handle reports it when the
     *     write completes), -1 when the handle took nothing (write directly)
     */
    private int flushByCompletion(CompletionWriteHandle c) {
        if (c.writeInFlight()) {
            long n;
            try {
                n = c.writeResult();
            } catch (IOException e) {
                forgetSubmitted();
                writeFailed(e);
                return 0;
            }
            if (n < 0) {
                return 0;
            }
            return settleSubmitted(n) ? 1 : 0;
        }
        if (submitted == null) {
            submitted = new PendingWrite[MAX_GATHER];
            submittedLengths = new int[MAX_GATHER];
        }
        if (gatheredBuffers == null) {
            gathered = new PendingWrite[MAX_GATHER];
            gatheredBuffers = new ByteBuffer[MAX_GATHER];
            gatheredLengths = new int[MAX_GATHER];
        }
        ByteBuffer[] buffers = gatheredBuffers;
        int count = collectGather(submitted, submittedLengths, buffers);
        long taken;
        try {
            taken = gatherOffered == 0 ? 0 : c.submitWrite(buffers, 0, count);
        } finally {
            restoreGatherCut();
            Arrays.fill(buffers, 0, count, null);
        }
        if (taken <= 0) {
            Arrays.fill(submitted, 0, count, null);
            return -1;
        }
        long left = taken;
        int inFlight = 0;
        while (inFlight < count && left > 0) {
            int k = (int) Math.min(left, submittedLengths[inFlight]);
            submittedLengths[inFlight] = k;
            left -= k;
            inFlight++;
        }
        Arrays.fill(submitted, inFlight, count, null);
        submittedCount = inFlight;
        return 0;
    }

    /**
     * The write in flight sent {@code n} bytes: moves the entries' positions past them and runs
     * their callbacks in queue order, as {@link #flushGathered()} does.
     *
     * @return whether to go on flushing (the stream still writes and something was sent)
     */
    private boolean settleSubmitted(long n) {
        int count = submittedCount;
        submittedCount = 0;
        apportion(submitted, submittedLengths, count, n, true);
        return settleWritten(submitted, submittedLengths, count) != SETTLED_GONE && n > 0; // a part: hand the rest over again
    }

    /** The write in flight failed: its entries are the handle's no longer. */
    private void forgetSubmitted() {
        if (submittedCount > 0) {
            Arrays.fill(submitted, 0, submittedCount, null);
            submittedCount = 0;
        }
    }

    /** {@return whether {@code w} is in a write in flight (the kernel may read its buffer)} */
    private boolean isSubmitted(PendingWrite w) {
        for (int i = 0; i < submittedCount; i++) {
            if (submitted[i] == w) {
                return true;
            }
        }
        return false;
    }

    private void flushed(PendingWrite w) {
        w.release();
        if (!w.future.isReady()) {
            w.future.done(null);
        }
        if (w.onFlush != null) {
            invokeEvent("on_flush", w.onFlush);
        }
    }

    /** Turns a generator's or a future's next data into bytes; false when it must wait. */
    private boolean materialise(PendingWrite head) {
        if (head.generator != null) {
            Object next;
            try {
                next = head.generator.get();
            } catch (RuntimeException e) {
                writeQueue.remove(head);
                head.future.fail("write generator threw: " + e, "write", e);
                invokeError(new dev.ioasync.CallbackException(this, "write generator", e));
                return false;
            }
            if (next == null) {
                writeQueue.remove(head);
                flushed(head);
                return false;
            }
            ByteBuffer bytes = toBytes(next);
            PendingWrite chunk = new PendingWrite(bytes, null, null, head.onWrite, null, this.<Void>newFuture().observe());
            writeQueue.addFirst(chunk);
            queuedBytes += bytes.remaining();
            return false;
        }
        Future<?> source = head.source;
        if (!source.isReady()) {
            if (!head.watching) {
                head.watching = true;
                source.onReady(done -> {
                    if (!isClosed() && loop() != null && writeHandle() != null) {
                        wantWriteReady(true);
                    }
                });
            }
            wantWriteReady(false);
            return false;
        }
        if (!source.isDone()) {
            writeQueue.remove(head);
            FutureFailure why = source.isCancelled() ? new FutureFailure("the data future was cancelled", "cancelled")
                    : source.failure();
            head.future.fail(why.getMessage(), why.category(), why.details().toArray());
            return false;
        }
        head.data = toBytes(source.get());
        queuedBytes += head.data.remaining();
        return true;
    }

    private ByteBuffer toBytes(Object o) {
        if (o instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (o instanceof String s) {
            return ByteBuffer.wrap(s.getBytes(charset));
        }
        if (o instanceof ByteBuffer bb) {
            return bb;
        }
        throw new IllegalArgumentException("cannot write a " + (o == null ? "null" : o.getClass().getName())
                + " to " + this + ": expected byte[], String or ByteBuffer");
    }

    private void writeFailed(IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Broken pipe") || msg.contains("EPIPE")) {
            writeEof = true;
            if (onWriteEof != null) {
                invokeEvent("on_write_eof", onWriteEof);
            }
        }
        failPendingWrites("write failed: " + msg, "write", e);
        if (onWriteError != null) {
            invokeEvent("on_write_error", () -> onWriteError.accept(e));
            wantWriteReady(false);
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> this + ": write failed; closing", e);
            close();
        }
    }

    private void failPendingWrites(String message, String category, Object... details) {
        PendingWrite w;
        while ((w = writeQueue.pollFirst()) != null) {
            if (submittedCount > 0 && isSubmitted(w)) {
                w.pooled = false; // the kernel may read it until the write's completion: to the garbage collector, not the pool
            } else {
                w.release();
            }
            if (w.future.isReady()) {
                continue;
            }
            if (w.sent) {
                w.future.done(null); // its bytes went out in one gathering write with those before it
            } else {
                w.future.fail(message, category, details);
            }
        }
        queuedBytes = 0;
        forgetSubmitted();
    }

    private void checkWriteHighWatermark() {
        if (writeable && queuedBytes > writeHigh) {
            writeable = false;
            if (onWriteableStop != null) {
                invokeEvent("on_writeable_stop", onWriteableStop);
            }
        }
    }

    private void checkWriteLowWatermark() {
        if (!writeable && queuedBytes <= writeLow) {
            writeable = true;
            if (onWriteableStart != null) {
                invokeEvent("on_writeable_start", onWriteableStart);
            }
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes once everything queued is written ({@code close_when_empty}); at once when nothing is.
     * Writes after this fail with category {@code closed}.
     */
    public void closeWhenEmpty() {
        if (writeQueue.isEmpty() || writeHandle() == null || loop() == null) {
            close();
        } else {
            closingWhenEmpty = true;
            wantWriteReady(true);
        }
    }

    /** Closes at once, failing queued writes with category {@code closed} ({@code close_now}). */
    public void closeNow() {
        close();
    }

    /**
     * Half-closes once everything queued is written: a socket shuts down its output (the peer
     * reads end of file), a separate write handle is closed; reading goes on.
     */
    public void shutdownWriteWhenEmpty() {
        shutdownWhenEmpty = true;
        if (writeQueue.isEmpty()) {
            shutdownWrite();
        } else if (loop() != null) {
            wantWriteReady(true);
        }
    }

    private void shutdownWrite() {
        IoHandle w = writeHandle();
        if (tls != null && w != null) {
            tls.closeOutbound(w);
        }
        try {
            if (w instanceof SocketHandle s) {
                s.shutdownOutput();
            } else if (w != null && w != readHandle()) {
                w.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> this + ": shutdown of the write side failed", e);
        }
        wantWriteReady(false);
    }

    @Override
    protected void closing() {
        if (tls != null && writeHandle() != null && writeHandle().isOpen()) {
            tls.closeOutbound(writeHandle());
        }
    }

    @Override
    protected void closeHandles(IoHandle read, IoHandle write) {
        if (tls != null && read == write && read instanceof SocketHandle socket && loop() != null && socket.isOpen()) {
            // A TLS peer may still send (session tickets): closing with unread input would reset the
            // connection and could destroy what we just wrote. Half-close, drain, then close.
            TlsLinger.start(loop(), socket);
            return;
        }
        super.closeHandles(read, write);
    }

    // ------------------------------------------------------------------ TLS

    /** {@return the TLS session when this stream speaks TLS, else {@code null}} */
    public javax.net.ssl.SSLSession tlsSession() {
        return tls == null ? null : tls.session();
    }

    /** Stops reading and writing the handle (the handshake of an upgrade owns it meanwhile). */
    void suspendIo() {
        suspended = true;
        wantReadReady(false);
        wantWriteReady(false);
    }

    /** Reads and writes through {@code filter} from now on, and resumes. */
    void installTls(TlsFilter filter) {
        this.tls = filter;
        suspended = false;
        startReading();
        if (!writeQueue.isEmpty() && loop() != null) {
            wantWriteReady(true);
        }
    }

    /** Runs {@code code} once everything queued is written (at once when nothing is). */
    void whenWritesFlushed(Runnable code) {
        if (writeQueue.isEmpty() && (tls == null || !tls.hasPendingOutput())) {
            code.run();
            return;
        }
        if (drainWaiters.isEmpty()) {
            drainWaiters = new java.util.ArrayList<>(2);
        }
        drainWaiters.add(code);
    }

    @Override
    protected void removedFromLoop(Loop loop) {
        readIdle.stop();
        writeIdle.stop();
        writeStall.stop();
        super.removedFromLoop(loop);
    }

    @Override
    public Stream handles(IoHandle read, IoHandle write) {
        super.handles(read, write);
        // new handles: a fresh start for the closing and end-of-file state (IO::Async resets it too)
        closingWhenEmpty = false;
        shutdownWhenEmpty = false;
        readEof = false;
        writeEof = false;
        readPaused = false;
        overReadHigh = false;
        suspended = false;
        tls = null;
        writeable = queuedBytes <= writeHigh;
        if (loop() != null) {
            restartIdleTimers();
            startReading();
            if (!writeQueue.isEmpty() && write != null) {
                wantWriteReady(true);
            }
        }
        return this;
    }

    @Override
    protected void readClosed() {
        readEof = true;
        readPaused = false;
        readIdle.stop();
        finishPendingReads(new FutureFailure("the read side of " + this + " was closed", "closed"));
    }

    @Override
    protected void writeClosed() {
        writeIdle.stop();
        failPendingWrites("the write side of " + this + " was closed before the write was flushed", "closed");
    }

    @Override
    protected void closed() {
        readIdle.stop();
        writeIdle.stop();
        failPendingWrites("stream " + this + " closed before the write was flushed", "closed");
        finishPendingReads(readEof ? null : new FutureFailure("stream " + this + " closed", "closed"));
    }

    /**
     * Describes the stream's buffers, for debugging.
     *
     * @return the counts
     */
    public Map<String, Object> stats() {
        return Map.of("readBuffered", buffer.size(), "readQueue", readQueue.size(), "writeQueue", writeQueue.size(),
                "queuedBytes", queuedBytes, "readEof", readEof, "readPaused", readPaused, "writeable", writeable,
                "closed", isClosed());
    }
}
