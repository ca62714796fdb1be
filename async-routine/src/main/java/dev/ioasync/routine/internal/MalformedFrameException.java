package dev.ioasync.routine.internal;

import java.io.IOException;

/** Bytes on a child JVM's pipe that are not a well-formed frame. */
public final class MalformedFrameException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public MalformedFrameException(String message) {
        super(message);
    }
}
