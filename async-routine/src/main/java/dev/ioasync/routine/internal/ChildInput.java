package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.codec.Codec;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The frames from the parent in a child JVM, read by the routine's own threads when they
 * receive: a thread whose channel has nothing waiting becomes the reader, reads frames from stdin
 * and sorts them into per-channel queues until one is for its channel; a thread that finds
 * another one reading waits until a frame arrives or the reader leaves. So a routine that waits
 * for its next message reads it itself, with no hand-over from a reading thread (one thread
 * wake-up less per message). Frames for other channels are queued for their receivers.
 *
 * <p>It also keeps the credit windows ({@link ChildCredit}): the parent's first frame after the
 * setup gives each channel's write limit; what the routine's receives take is reported to the
 * parent through {@link #reportWith}'s writer (before a thread waits for the parent, at the
 * latest), so the parent never has more than a channel's limit queued here unread; and a send on
 * an out-channel is refused past its window ({@link #acquireOut}), the parent's reports of what it
 * took being read from stdin as they arrive.
 *
 * <p>Thread rules: thread-safe.
 */
final class ChildInput {

    /**
     * How recently the operating system must have been read or asked for the input in hand to
     * count as all that has arrived: {@value} ns. {@link #ready} asks again only past it.
     */
    static final long FRESH_NANOS = 20_000;

    private final DataInputStream in;
    /** The buffer below {@link #in} when it is a child's stdin, else {@code null} (ask the OS every time). */
    private final BufferedPipeInput pipe;
    private final String id;
    private final ConcurrentLinkedQueue<Object>[] queues;
    private final ReentrantLock reader = new ReentrantLock();
    private final Object arrived = new Object();
    private volatile boolean ended;
    private final ChildCredit credit;
    private volatile Runnable reports = () -> { };
    /** Whether no frame after the setup was read yet (reader only). */
    private boolean first = true;

    ChildInput(DataInputStream in, int channels, String id) {
        this(in, channels, 0, id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    ChildInput(DataInputStream in, int channels, int outChannels, String id) {
        this.in = in;
        this.pipe = in instanceof PipeDataInput p ? p.pipe() : null;
        this.id = id;
        this.credit = new ChildCredit(channels, outChannels);
        this.queues = new ConcurrentLinkedQueue[channels];
        for (int i = 0; i < channels; i++) {
            queues[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /**
     * The routine's end of an in-channel.
     *
     * @param index the channel
     * @param codec its codec
     * @param <T> the message type
     * @return the end
     */
    <T> RoutineChannel<T> channel(int index, Codec codec) {
        return new QueueInChannel<>(new ChannelSource(index), v -> codec.decode((byte[]) v));
    }

    /**
     * Sets what writes the credit reports due ({@link #takeReports}) to the parent at once.
     *
     * @param writer writes and flushes them
     */
    void reportWith(Runnable writer) {
        this.reports = writer;
    }

    /** {@return the credit reports due, as frames one after another, or {@code null}: for the writer to send} */
    byte[] takeReports() {
        return credit.takeReports();
    }

    /**
     * Counts a message about to be sent on an out-channel against its credit window, reading the
     * parent's reports that have arrived when it is full.
     *
     * @param channel the out-channel
     * @param bytes the message's frame bytes, header included
     * @param what names the channel in a refusal
     * @throws dev.ioasync.routine.ChannelException with category {@code write-limit} past the
     *     window; nothing was counted
     */
    void acquireOut(int channel, long bytes, Object what) {
        if (!credit.known()) {
            learnWindow();
        }
        long limit = credit.outLimit(channel);
        if (limit <= 0 || credit.tryAcquire(channel, bytes)) {
            return;
        }
        absorb();
        if (!credit.tryAcquire(channel, bytes)) {
            throw WriteLimit.refusal(what, bytes, credit.outQueued(channel), limit,
                    "the loop side has not taken (recv or on_recv)");
        }
    }

    /** Reads frames until the parent's first one after the setup says the windows. */
    private void learnWindow() {
        while (!credit.known()) {
            if (reader.tryLock()) {
                try {
                    if (!credit.known()) {
                        readOne();
                    }
                } finally {
                    reader.unlock();
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                }
            } else {
                synchronized (arrived) {
                    if (!credit.known() && reader.isLocked()) {
                        try {
                            arrived.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting for the channels' limits", e);
                        }
                    }
                }
            }
        }
    }

    /**
     * Reads frames that have arrived while {@code wanted} holds, if no other thread is reading;
     * never waits for the parent; asks the operating system what has arrived only if
     * {@code askBelow}, else takes only what is buffered.
     */
    private void readArrived(BooleanSupplier wanted, boolean askBelow) {
        if (reader.tryLock()) {
            try {
                while (wanted.getAsBoolean() && !ended && (askBelow ? in.available() : pipe.buffered()) > 0) {
                    readOne();
                }
            } catch (IOException e) {
                endAll();
            } finally {
                reader.unlock();
                synchronized (arrived) {
                    arrived.notifyAll();
                }
            }
        }
    }

    /** Reads the frames that have arrived, if no other thread is reading; never waits for the parent. */
    private void absorb() {
        readArrived(() -> true, true);
    }

    /** The routine takes a payload: counted for the credit report. */
    private Object took(int channel, Object v, ConcurrentLinkedQueue<Object> q) {
        if (v != QueueInChannel.END && credit.taken(channel, Frames.HEADER + (long) ((byte[]) v).length, q.isEmpty())) {
            reports.run();
        }
        return v;
    }

    /** Before a thread waits for the parent: what was taken is reported, so the parent can send on. */
    private void reportBeforeWaiting() {
        if (credit.due()) {
            reports.run();
        }
    }

    /** {@return the next payload of a channel, or {@link QueueInChannel#END}} */
    private Object next(int channel) throws InterruptedException {
        ConcurrentLinkedQueue<Object> q = queues[channel];
        while (true) {
            Object v = q.poll();
            if (v != null) {
                return took(channel, v, q);
            }
            if (reader.tryLock()) {
                try {
                    while ((v = q.poll()) == null) {
                        reportBeforeWaiting();
                        readOne();
                    }
                    return took(channel, v, q);
                } finally {
                    reader.unlock();
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                }
            }
            reportBeforeWaiting();
            synchronized (arrived) {
                if (q.isEmpty() && reader.isLocked()) {
                    arrived.wait();
                }
            }
        }
    }

    /**
     * Reads the frames that have already arrived, if no other thread is reading, until the
     * channel has something queued; never waits for the parent. On a child's stdin, what was
     * read from the operating system less than {@link #FRESH_NANOS} ago counts as all that has
     * arrived: only the buffer is looked at then, so that a worker with one call in flight, which
     * asks before each call (withdrawals) and after it (another call to answer together?), makes
     * no system call for either (two each: {@code fstat} and {@code FIONREAD}).
     *
     * @param channel the channel
     * @return whether the channel has a message or its end queued
     */
    boolean ready(int channel) {
        ConcurrentLinkedQueue<Object> q = queues[channel];
        if (!q.isEmpty()) {
            return true;
        }
        readArrived(q::isEmpty, pipe == null || pipe.nanosSinceBelow() >= FRESH_NANOS);
        return !q.isEmpty();
    }

    /**
     * Takes a channel's next payload if it has already arrived.
     *
     * @param channel the channel
     * @return the payload, or {@code null} when nothing (or only the end) is queued
     */
    Object poll(int channel) {
        if (!ready(channel)) {
            return null;
        }
        ConcurrentLinkedQueue<Object> q = queues[channel];
        Object v = q.peek();
        return v == null || v == QueueInChannel.END ? null : took(channel, q.poll(), q);
    }

    /** Reads one frame and queues it; at the end (or a bad stream) ends every channel. Reader only. */
    private void readOne() {
        if (ended) {
            return; // every queue holds END: the caller finds it
        }
        try {
            Frames.Frame f = Frames.read(in, Frames.Limits.TRUSTED);
            if (f == null) {
                endAll();
                return;
            }
            if (first) {
                first = false;
                if (f.kind() == Frames.WINDOW) {
                    credit.learn(f.payload());
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                    return;
                }
                credit.learnNone();
            }
            if (f.kind() == Frames.TAKEN) {
                credit.ackedOut(f.channel(), f.payload());
                return;
            }
            if (f.channel() >= queues.length) {
                throw new MalformedFrameException("malformed frame: in-channel " + f.channel() + " does not exist");
            }
            switch (f.kind()) {
                case Frames.MESSAGE -> queues[f.channel()].add(f.payload());
                case Frames.EOF -> queues[f.channel()].add(QueueInChannel.END);
                default -> throw new MalformedFrameException("malformed frame: kind " + f.kind()
                        + " may not come from the parent");
            }
        } catch (IOException e) {
            System.err.println("ioasync routine child " + id + ": " + e.getMessage());
            endAll();
        }
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    private void endAll() {
        ended = true;
        credit.learnNone();
        for (ConcurrentLinkedQueue<Object> q : queues) {
            q.add(QueueInChannel.END);
        }
    }

    /** One channel's frames, as a {@link QueueInChannel} takes them. */
    private final class ChannelSource implements InSource {
        private final int index;

        ChannelSource(int index) {
            this.index = index;
        }

        @Override
        public Object take() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return next(index);
        }

        @Override
        public void add(Object v) {
            queues[index].add(v);
        }
    }
}
