package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.codec.Codec;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames from the parent in a child JVM, read by the routine's own threads when they
 * receive: a thread whose channel has nothing waiting becomes the reader, reads frames from stdin
 * and sorts them into per-channel queues until one is for its channel; a thread that finds
 * another one reading waits until a frame arrives or the reader leaves. So a routine that waits
 * for its next message reads it itself, with no hand-over from a reading thread (one thread
 * wake-up less per message). Frames for other channels are queued for their receivers.
 *
 * <p>Thread rules: thread-safe.
 */
final class ChildInput {

    private final DataInputStream in;
    private final String id;
    private final ConcurrentLinkedQueue<Object>[] queues;
    private final ReentrantLock reader = new ReentrantLock();
    private final Object arrived = new Object();
    private volatile boolean ended;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ChildInput(DataInputStream in, int channels, String id) {
        this.in = in;
        this.id = id;
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

    /** {@return the next payload of a channel, or {@link QueueInChannel#END}} */
    private Object next(int channel) throws InterruptedException {
        ConcurrentLinkedQueue<Object> q = queues[channel];
        while (true) {
            Object v = q.poll();
            if (v != null) {
                return v;
            }
            if (reader.tryLock()) {
                try {
                    while ((v = q.poll()) == null) {
                        readOne();
                    }
                    return v;
                } finally {
                    reader.unlock();
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                }
            }
            synchronized (arrived) {
                if (q.isEmpty() && reader.isLocked()) {
                    arrived.wait();
                }
            }
        }
    }

    /**
     * Reads the frames that have already arrived, if no other thread is reading, until the
     * channel has something queued; never waits for the parent.
     *
     * @param channel the channel
     * @return whether the channel has a message or its end queued
     */
    boolean ready(int channel) {
        ConcurrentLinkedQueue<Object> q = queues[channel];
        if (!q.isEmpty()) {
            return true;
        }
        if (reader.tryLock()) {
            try {
                while (q.isEmpty() && !ended && in.available() > 0) {
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
        return v == null || v == QueueInChannel.END ? null : q.poll();
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
