package dev.ioasync.loop.epoll;

import dev.ioasync.spi.ReadySink;
import java.util.Arrays;

/**
 * Events recorded while Netty's handler runs, reported to the core's {@link ReadySink} after it
 * returns: no core code, and so no user code, ever runs inside Netty's {@code run()}. Loop thread
 * only.
 */
final class ReadyEvents {

    private Object[] attachments = new Object[64];
    private int[] ops = new int[64];
    private int count;

    void record(Object attachment, int readyOps) {
        if (count == attachments.length) {
            attachments = Arrays.copyOf(attachments, count * 2);
            ops = Arrays.copyOf(ops, count * 2);
        }
        attachments[count] = attachment;
        ops[count++] = readyOps;
    }

    /**
     * Reports every recorded event to {@code sink} and forgets them.
     *
     * @return the number reported
     */
    int drainTo(ReadySink sink) {
        int n = count;
        count = 0;
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
    }
}
