package dev.ioasync.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A handle whose writes the watching loop may complete asynchronously: instead of writing what
 * the socket takes now ({@link IoHandle#write(ByteBuffer[], int, int)}), the caller hands over a
 * run of buffers, the loop sends them (io_uring's {@code IORING_OP_SENDMSG}, submitted with the
 * loop's other requests at its next poll), and reports {@link dev.ioasync.spi.IoOps#WRITE} for
 * the handle when the send has completed; {@link #writeResult()} then says how many bytes went.
 * IO::Async has no twin (its streams write with {@code syswrite}); {@link dev.ioasync.stream.Stream}
 * uses this capability when the write handle offers it and otherwise writes as before.
 *
 * <p>Contract, checked by the TCK's {@code CompletionWriteTck} on every backend:
 * <ul>
 *   <li>at most one write is in flight; {@link #canSubmitWrite()} is {@code false} while one is
 *       (until its result has been taken) and whenever the handle is not watched by a loop that
 *       completes writes: the caller then writes directly, as with any handle;</li>
 *   <li>the bytes between each buffer's position and limit at {@link #submitWrite} belong to the
 *       handle until {@link #writeResult()} has returned or thrown: the caller must not change
 *       them nor give a pooled buffer back; positions and limits are not read again (the caller
 *       may restore a limit it cut), and the handle never moves them;</li>
 *   <li>a send may take fewer bytes than offered (a partial send): the caller advances the
 *       positions by the result and hands over the rest again;</li>
 *   <li>an error (EPIPE, ECONNRESET, ...) is thrown by {@link #writeResult()}, as
 *       {@link IoHandle#write(ByteBuffer)} would have thrown it;</li>
 *   <li>closing the handle withdraws a write in flight; the buffers may be read by the kernel
 *       until its completion arrives, so a caller that closes with a write in flight must not give
 *       its pooled buffers back (it drops them to the garbage collector instead).</li>
 * </ul>
 * Loop thread only (the thread of the loop that watches the handle), except {@link #close()}.
 */
public interface CompletionWriteHandle extends IoHandle {

    /**
     * {@return whether {@link #submitWrite} may be called now: the handle is open, watched by a
     * loop (on this thread) that completes its writes, and no write is in flight}
     */
    boolean canSubmitWrite();

    /**
     * {@return whether a submitted write has not yet had its result taken by {@link #writeResult()}}
     * While one has, every write to the handle must wait for it (bytes would be reordered).
     */
    boolean writeInFlight();

    /**
     * Hands over {@code srcs[offset .. offset + length)} to be sent in order, as one gathering
     * write. The handle may take fewer bytes than offered (it says how many).
     *
     * @param srcs the buffers (their bytes from position to limit)
     * @param offset the index of the first buffer
     * @param length how many buffers
     * @return how many bytes are in flight from the first buffers ({@code 0}: nothing was taken,
     *     write directly)
     * @throws IllegalStateException when {@link #canSubmitWrite()} is {@code false}
     * @throws IndexOutOfBoundsException when {@code offset} and {@code length} do not fit {@code srcs}
     */
    long submitWrite(ByteBuffer[] srcs, int offset, int length);

    /**
     * Takes the result of the write in flight.
     *
     * @return the number of bytes sent (from the start of what was submitted; fewer than submitted
     *     is a partial send), or {@code -1} while the write is still in flight
     * @throws IOException the write's error (for example the reader is gone: EPIPE); nothing of it
     *     counts as sent
     */
    long writeResult() throws IOException;
}
