package dev.ioasync.process;

import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import java.io.IOException;

/**
 * A thread that moves bytes between one blocking stream of a {@link java.lang.Process} and one
 * end of a non-blocking loop pipe; the base of {@link OutputPump} and {@link InputPump}.
 */
abstract class Pump implements Runnable {

    private static final System.Logger LOG = System.getLogger(Pump.class.getName());

    /** The size of each chunk moved. */
    static final int CHUNK = 64 * 1024;

    /** The loop that owns the pipe end. */
    final Loop loop;
    /** The loop pipe's end this pump uses. */
    final IoHandle pipeEnd;
    /** Waits for {@link #pipeEnd} to be ready. */
    final ReadinessWaiter waiter;
    private final String name;
    private Thread thread;

    Pump(Loop loop, IoHandle pipeEnd, boolean waitsToWrite, String role) {
        this.loop = loop;
        this.pipeEnd = pipeEnd;
        this.waiter = new ReadinessWaiter(loop, pipeEnd, waitsToWrite);
        this.name = role;
    }

    /**
     * Starts the pump's thread (a small daemon platform thread: it blocks in native reads).
     *
     * @param pid the child's process id, for the thread's name
     */
    final void start(long pid) {
        startThread(threadName(pid), this);
    }

    /**
     * The name of the pump's thread: {@code ioasync-pump-PID-ROLE}.
     *
     * @param pid the child's process id
     * @return the name
     */
    final String threadName(long pid) {
        return "ioasync-pump-" + pid + "-" + name;
    }

    /**
     * Starts the pump's thread running {@code body} instead of {@link #run()}.
     *
     * @param threadName the thread's name
     * @param body what the thread runs
     */
    final void startThread(String threadName, Runnable body) {
        thread = Thread.ofPlatform().daemon().name(threadName).stackSize(256 * 1024).start(body);
    }

    /** {@return the pump's role: {@code stdin}, {@code stdout} or {@code stderr}} */
    final String role() {
        return name;
    }

    /** Makes the pump stop at its next wait for the loop. Thread-safe. */
    final void stop() {
        waiter.abort();
    }

    /** {@return the pump's thread, or {@code null} before {@link #start}} */
    final Thread thread() {
        return thread;
    }

    /** Closes the loop pipe's end on the loop thread (directly when the loop is closed). */
    final void closePipeEnd() {
        try {
            loop.later(() -> {
                loop.unwatchIo(pipeEnd);
                closeQuietly(pipeEnd);
            });
        } catch (IllegalStateException closedLoop) {
            closeQuietly(pipeEnd);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + c + " failed", e);
        }
    }

    static void debug(String what, IOException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> what, e);
    }

    @Override
    public String toString() {
        return name;
    }
}
