package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineOutcome;

/** Where a {@link Transport} delivers what comes from the routine; every call is on the loop thread. */
public interface RoutineSink {

    /**
     * A message arrived on an out-channel.
     *
     * @param channel the out-channel index
     * @param value the decoded message
     */
    void message(int channel, Object value);

    /**
     * The routine closed an out-channel.
     *
     * @param channel the out-channel index
     */
    void eof(int channel);

    /**
     * Bytes from the routine could not be read: the out-channel (or, with {@code -1}, every
     * out-channel) fails and closes.
     *
     * @param channel the out-channel index, or {@code -1} for the whole stream
     * @param category the failure category of pending receives: {@code codec} for bytes that
     *     cannot be read, {@code died} when the reader itself failed
     * @param message a clear description
     * @param cause the underlying error
     */
    void broken(int channel, String category, String message, Throwable cause);

    /**
     * The routine ended; nothing more arrives after this.
     *
     * @param outcome how
     */
    void finished(RoutineOutcome outcome);
}
