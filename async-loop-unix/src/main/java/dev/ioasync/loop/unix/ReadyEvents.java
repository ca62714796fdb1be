package dev.ioasync.loop.unix;

import dev.ioasync.spi.ReadySink;
import java.util.Arrays;

/**
 * Events recorded while Netty's handler runs, reported to the core's {@link ReadySink} after it
 * returns: no core code, and so no user code, ever runs inside Netty's {@code run()}. kqueue
 * reports read and write of one handle as two events; they are merged into one entry (see
 * {@link NativePoller#recordMerged}); epoll reports both in one event. Loop thread only.
 */
final class ReadyEvents {

    private Object[] attachments = new Object[64];
    private int[] ops = new int[64];
    private int count;
    private long round;

    /** {@return the number of the current round of recording, to tell a handle's second event} */
    long round() {
        return round;
    }

    /** {@return the slot of the new entry} */
    int record(Object attachment, int readyOps) {
        if (count == attachments.length) {
            attachments = Arrays.copyOf(attachments, count * 2);
            ops = Arrays.copyOf(ops, count * 2);
        }
        attachments[count] = attachment;
        ops[count] = readyOps;
        return count++;
    }

    /** Adds bits to the entry in {@code slot} of the current round. */
    void merge(int slot, int readyOps) {
        ops[slot] |= readyOps;
    }

    /**
     * Reports every recorded event to {@code sink}, forgets them and starts a new round.
     *
     * @return the number reported
     */
    int drainTo(ReadySink sink) {
        int n = count;
        count = 0;
        round++;
        for (int i = 0; i < n; i++) {
            Object a = attachments[i];
            attachments[i] = null;
            sink.ready(a, ops[i]);
        }
        return n;
    }

    void clear() {
        Arrays.fill(attachments, 0, count, null);
        count = 0;
        round++;
    }
}
