package dev.ioasync.routine;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import dev.ioasync.routine.internal.WriteLimit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The loop side of a message pipe between the loop and a {@link Routine}
 * (IO::Async::Channel). Give it to a routine's {@link Routine#channelsIn} to send values in, or
 * to {@link Routine#channelsOut} to receive what the routine sends; the routine's code reaches the
 * other end through its {@link RoutineContext}.
 *
 * <h2>Receiving</h2>
 * Either set {@link #onRecv} (each message is passed to it as it arrives, as IO::Async's
 * {@code on_recv}), or call {@link #recv()} for a future of the next message; messages that
 * arrive while nobody waits are buffered. When the routine closes its end or ends, pending
 * {@code recv} futures fail with category {@code eof} and {@link #onEof} runs once. Bytes from a
 * child JVM that cannot be decoded (a malformed or truncated frame) fail the pending and later
 * {@code recv} futures with category {@code codec} and a message that says what was wrong, close
 * the channel, and are reported to the error handlers; they never hang.
 *
 * <h2>Sending</h2>
 * {@link #send} never blocks. The value is encoded with {@link #codec} at once, in every model
 * (as IO::Async's thread model serializes it too): the caller may change it afterwards, and a
 * value the codec cannot carry throws at the call. In the {@link RoutineModel#PROCESS} model the
 * bytes are queued for the child's stdin; in the thread models the routine's {@code recv}
 * decodes them, and what the routine sends is copied the same way on its own thread. Values sent
 * before the routine starts are kept and sent when it does. {@code null} cannot be sent: the
 * routine's {@link RoutineChannel#recv()} returns {@code null} at end of stream.
 *
 * <h2>Limits</h2>
 * A child JVM's frames on an out-channel may be at most {@link #maxFrameSize} bytes (default
 * {@value #DEFAULT_MAX_FRAME_SIZE}): a bigger announced length kills the child and fails the
 * routine with category {@code codec} before anything is allocated for it, and payloads are read
 * into buffers that grow with the bytes that actually arrive.
 *
 * <p>One rule in every model: a channel's {@link #writeLimit} (default
 * {@value #DEFAULT_WRITE_LIMIT}) bounds the bytes sent and not yet <em>taken by the receiver's
 * {@code recv}</em>, in both directions: on an in-channel, what this side sent (before the routine
 * starts too) that the routine's {@link RoutineChannel#recv} has not taken; on an out-channel,
 * what the routine sent that this side's {@link #recv} or {@link #onRecv} has not taken. Past it
 * {@link #send} here, or {@link RoutineChannel#send} in the routine, throws a
 * {@link ChannelException} with category {@code write-limit}, naming the limit, and queues
 * nothing (a message is always taken when nothing is queued: its size is bounded by
 * {@link #maxFrameSize}); the loop runs on, and the channel takes messages again as soon as the
 * receiver has caught up ({@link #queuedBytes} says how much an in-channel holds). So a routine
 * that does not read, whether busy, stuck or hostile, cannot exhaust this side's memory, nor this
 * side a child JVM's. IO::Async's Channel has no such limit.
 *
 * <p>In the {@link RoutineModel#PROCESS} model the bytes are those of the frames (encoded message
 * plus an 8-byte header), and the limit works as a credit window (as HTTP/2's flow control): the
 * child learns each channel's limit when it starts, and each receiver reports what its
 * {@code recv} took back to the sender in small batched frames (at once past a quarter of the
 * limit, otherwise with the next frame it sends or before it waits, so a ping-pong adds no write
 * of its own). Since this side's last quarter may stay unreported while it sends nothing to the
 * child, the child may always send while at most a quarter of the limit is unreported: an
 * out-channel holds at most the limit, or a quarter of it plus one message, unread. The
 * out-channel limit is the one in force when the routine starts. A child that
 * ignores the window (anything that writes frames to its stdout itself) is killed as soon as an
 * out-channel holds more than its limit unread, and the routine fails with category
 * {@code read-limit}, naming the channel and the limit; so the bound holds whatever runs in the
 * child. In the thread models ({@link RoutineModel#THREAD}, {@link RoutineModel#VIRTUAL}) each
 * message counts as its encoded bytes plus 64 for its bookkeeping in this JVM. With the limit at
 * 0 the channel has no window.
 *
 * <p>Thread rules: confined to the loop thread, like every notifier.
 *
 * @param <T> the message type
 */
public final class Channel<T> extends Notifier {

    /** The default {@link #maxFrameSize}: {@value} bytes (16 MiB). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 << 20;

    /** The default {@link #writeLimit}: {@value} bytes (16 MiB). */
    public static final long DEFAULT_WRITE_LIMIT = 16L << 20;

    /** The bytes of a frame header, counted with each message against the write limit. */
    private static final int WIRE_HEADER = 8;

    private Codec codec = ValueCodec.DEFAULT;
    private boolean codecSet;
    private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    private Routine routine;
    private int index = -1;
    private boolean inbound;
    private final ArrayDeque<T> received = new ArrayDeque<>();
    private final ArrayDeque<Future<T>> waiting = new ArrayDeque<>();
    private List<T> unsent = new ArrayList<>();
    private long unsentBytes;
    private long writeLimit = DEFAULT_WRITE_LIMIT;
    private boolean closeUnsent;
    private boolean closed;
    private boolean eof;
    private String brokenMessage;
    private String brokenCategory;
    private Throwable brokenCause;
    private BiConsumer<Channel<T>, T> onRecv;
    /** Names this channel in a refusal; its text is built only then. */
    private final Object description = new Object() {
        @Override
        public String toString() {
            return Channel.this + " (in-channel " + index + " of " + routine + ")";
        }
    };
    private Consumer<Channel<T>> onEof;
    /** Told how many delivered messages left this out-channel (taken or dropped): the thread models' write limit. */
    private java.util.function.IntConsumer released = n -> { };

    /** Creates a channel that belongs to no routine yet, with the {@link ValueCodec#DEFAULT} codec. */
    public Channel() {
    }

    /**
     * Sets the codec used when the routine runs in a child JVM (IO::Async's {@code codec}).
     *
     * @param codec the codec
     * @return this
     * @throws IllegalStateException once the routine has started
     */
    public Channel<T> codec(Codec codec) {
        if (routine != null && routine.isStarted()) {
            throw new IllegalStateException("cannot change the codec of " + this + " once its routine started");
        }
        this.codec = Objects.requireNonNull(codec, "codec");
        this.codecSet = true;
        return this;
    }

    /** {@return the codec} */
    public Codec codec() {
        return codec;
    }

    /** The routine's codec, for a channel given none of its own ({@link Routine#codec}). */
    void defaultCodec(Codec c) {
        if (!codecSet) {
            this.codec = c;
        }
    }

    /**
     * Sets the largest encoded message this channel carries to or from a child JVM, in bytes
     * (default {@value #DEFAULT_MAX_FRAME_SIZE}). A child that announces a bigger frame on an
     * out-channel fails its routine with category {@code codec} before any memory is set aside
     * for it; a bigger message sent either way is refused at the {@code send} with a
     * {@link dev.ioasync.routine.codec.CodecException}. No effect in the thread models.
     *
     * @param bytes at least 1
     * @return this
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     * @throws IllegalStateException once the routine has started
     */
    public Channel<T> maxFrameSize(int bytes) {
        if (routine != null && routine.isStarted()) {
            throw new IllegalStateException("cannot change the maxFrameSize of " + this + " once its routine started");
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("maxFrameSize " + bytes + " < 1");
        }
        this.maxFrameSize = bytes;
        return this;
    }

    /** {@return the largest encoded message, in bytes} */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * Sets the most bytes sent on this channel and not yet taken by the receiver's {@code recv}
     * (default {@value #DEFAULT_WRITE_LIMIT}; see Limits above). On an in-channel: the messages
     * sent before the routine starts and those the routine has not received yet (in the
     * {@link RoutineModel#PROCESS} model encoded messages with their 8-byte frame headers, until
     * the child reports them taken). A {@link #send} that would queue more throws a
     * {@link ChannelException} with category {@code write-limit} and queues nothing; a message is
     * always taken when nothing is queued (its size is bounded by {@link #maxFrameSize}). Takes
     * effect at the next send; may be changed at any time. On an out-channel it bounds what the
     * routine sent that this side has not taken (the limit in force when the routine started): the
     * routine's send is refused past it, and a child JVM that sends past it anyway is killed with
     * {@code read-limit}. In the thread models a message counts as its encoded bytes plus 64. No
     * such limit exists in IO::Async.
     *
     * @param bytes the limit; 0 turns it off
     * @return this
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public Channel<T> writeLimit(long bytes) {
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
     * {@return the bytes sent on this in-channel that its routine has not taken yet, as the
     * {@linkplain #writeLimit write limit} counts them: in a child JVM, until the child reports
     * them taken (in batches, so this may lag behind its receives); always 0 in the thread models
     * once started}
     */
    public long queuedBytes() {
        if (routine == null || !routine.isStarted()) {
            return unsentBytes;
        }
        return routine.queuedOn(index);
    }

    /** The routine's thread transport counts the messages this out-channel has not yet taken. */
    void onReleased(java.util.function.IntConsumer r) {
        this.released = r;
    }

    /**
     * Sets the handler of each incoming message (IO::Async's {@code on_recv}); messages already
     * buffered are passed to it at once.
     *
     * @param handler called with this channel and the message, or {@code null} to buffer again
     * @return this
     * @throws IllegalStateException when {@code recv} futures are pending
     */
    public Channel<T> onRecv(BiConsumer<Channel<T>, T> handler) {
        if (handler != null && !waiting.isEmpty()) {
            throw new IllegalStateException("cannot set on_recv on " + this + " while recv futures are pending");
        }
        this.onRecv = handler;
        while (handler != null && !received.isEmpty() && onRecv == handler) {
            T v = received.poll();
            released.accept(1);
            invokeEvent("on_recv", () -> handler.accept(this, v));
        }
        return this;
    }

    /**
     * Sets the handler of end of stream (IO::Async's {@code on_eof}).
     *
     * @param handler called once with this channel
     * @return this
     */
    public Channel<T> onEof(Consumer<Channel<T>> handler) {
        this.onEof = handler;
        return this;
    }

    /**
     * Sends a value to the routine (IO::Async::Channel's {@code send}). Only for a channel given
     * to {@link Routine#channelsIn}.
     *
     * @param value the message, not {@code null}
     * @return this
     * @throws IllegalStateException when this is an out-channel, it is closed, or the routine ended
     * @throws dev.ioasync.routine.codec.CodecException in the PROCESS model, when the codec
     *     cannot carry the value
     * @throws ChannelException with category {@code write-limit} when the bytes queued and not yet
     *     read by the routine, plus this message, would exceed the {@link #writeLimit}; nothing
     *     was queued, and a later send succeeds once the routine has read enough
     */
    public Channel<T> send(T value) {
        Objects.requireNonNull(value, "value: a channel message cannot be null (null marks end of stream)");
        if (routine != null && !inbound) {
            throw new IllegalStateException(this + " is an out-channel of " + routine + ": the routine sends on it");
        }
        if (closed) {
            throw new IllegalStateException("cannot send on " + this + ": it is closed");
        }
        if (routine == null || !routine.isStarted()) {
            long bytes = 0;
            if (writeLimit > 0) {
                bytes = WIRE_HEADER + measure(value);
                if (!WriteLimit.fits(unsentBytes, bytes, writeLimit)) {
                    throw refused(WriteLimit.refusal(this + " (its routine has not started)", bytes, unsentBytes,
                            writeLimit), unsentBytes + bytes);
                }
            }
            unsent.add(value);
            unsentBytes += bytes;
        } else {
            try {
                routine.sendOn(index, value, writeLimit, description);
            } catch (ChannelException e) {
                throw refused(e, writeLimit);
            }
        }
        return this;
    }

    /**
     * The encoded size of a value sent before the routine starts. A channel given no codec of its
     * own may still get its routine's ({@link Routine#codec}), which may carry what the default
     * cannot: such a value counts as empty here, and its codec judges it when the routine starts.
     */
    private int measure(T value) {
        try {
            return codec.encode(value).length;
        } catch (RuntimeException e) {
            if (codecSet) {
                throw e;
            }
            return 0;
        }
    }

    private ChannelException refused(ChannelException e, long amount) {
        dev.ioasync.observe.LoopObserver.limitHit(loop(), "write-limit", writeLimit, amount, this);
        return e;
    }

    /**
     * A future of the next message (IO::Async::Channel's {@code recv}), bound to the loop: its
     * {@code get()} on the loop thread runs the loop until the message arrives. Cancelling it
     * while it waits gives the message it would have had to the next {@code recv} (IO::Async
     * consumes that message and throws it away; here nothing is lost).
     *
     * @return the future; failed with category {@code eof} at end of stream, {@code codec} when the
     *     channel broke
     * @throws IllegalStateException when {@link #onRecv} is set, this is an in-channel, or the
     *     channel is in no loop yet (add its routine to a loop first)
     */
    public Future<T> recv() {
        if (onRecv != null) {
            throw new IllegalStateException("cannot recv on " + this + ": on_recv takes every message");
        }
        if (routine != null && inbound) {
            throw new IllegalStateException(this + " is an in-channel of " + routine + ": the loop sends on it");
        }
        Loop l = loop();
        if (l == null) {
            throw new IllegalStateException("cannot recv on " + this + " before its routine is added to a loop");
        }
        Future<T> f = l.newFuture();
        if (!received.isEmpty()) {
            released.accept(1);
            return f.done(received.poll());
        }
        if (brokenMessage != null) {
            return f.fail(brokenMessage, brokenCategory, brokenCause);
        }
        if (eof || closed) {
            return f.fail("EOF waiting for Channel recv", "eof");
        }
        waiting.add(f);
        f.onCancel(() -> waiting.remove(f));
        return f;
    }

    /**
     * Closes the channel (IO::Async::Channel's {@code close}). On an in-channel the routine reads
     * end of stream after what was sent; on an out-channel further messages are dropped and
     * pending {@code recv} futures fail with category {@code eof}. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (routine != null && inbound) {
            if (routine.isStarted()) {
                routine.closeOn(index);
            } else {
                closeUnsent = true;
            }
        } else {
            released.accept(received.size());
            received.clear();
            markEof();
        }
    }

    /** {@return whether {@link #close()} was called or the channel broke} */
    public boolean isClosed() {
        return closed;
    }

    /** {@return whether end of stream was seen on this out-channel} */
    public boolean isEof() {
        return eof;
    }

    // ------------------------------------------------------------------ from the routine

    void bind(Routine r, int i, boolean in) {
        if (routine != null) {
            throw new IllegalArgumentException(this + " already belongs to " + routine);
        }
        this.routine = r;
        this.index = i;
        this.inbound = in;
    }

    /** The routine started: send what was queued. */
    void started() {
        List<T> pending = unsent;
        unsent = List.of();
        unsentBytes = 0;
        for (T v : pending) {
            routine.sendOn(index, v, 0, null); // accepted under the limit already: the child has read nothing yet
        }
        if (closeUnsent) {
            routine.closeOn(index);
        }
    }

    @SuppressWarnings("unchecked")
    void deliver(Object value) {
        if (closed) {
            released.accept(1);
            return;
        }
        T v = (T) value;
        BiConsumer<Channel<T>, T> h = onRecv;
        if (h != null) {
            released.accept(1);
            invokeEvent("on_recv", () -> h.accept(this, v));
            return;
        }
        Future<T> f = waiting.poll();
        if (f != null) {
            released.accept(1);
            f.done(v);
        } else {
            received.add(v);
        }
    }

    void deliverEof() {
        if (!eof) {
            markEof();
        }
    }

    void deliverBroken(String category, String message, Throwable cause) {
        if (brokenMessage != null) {
            return;
        }
        brokenMessage = message;
        brokenCategory = category;
        brokenCause = cause;
        closed = true;
        eof = true;
        released.accept(received.size());
        received.clear();
        List<Future<T>> fs = List.copyOf(waiting);
        waiting.clear();
        for (Future<T> f : fs) {
            f.fail(message, category, cause);
        }
        invokeError(new IllegalStateException(message, cause));
    }

    private void markEof() {
        eof = true;
        List<Future<T>> fs = List.copyOf(waiting);
        waiting.clear();
        for (Future<T> f : fs) {
            f.fail("EOF waiting for Channel recv", "eof");
        }
        Consumer<Channel<T>> h = onEof;
        if (h != null) {
            invokeEvent("on_eof", () -> h.accept(this));
        }
    }
}
