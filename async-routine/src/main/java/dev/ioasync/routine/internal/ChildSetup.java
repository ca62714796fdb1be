package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineCode;
import java.io.Serializable;

/**
 * What the parent sends a child JVM first: the code and how its values cross.
 *
 * @param id the routine's id in the parent, for messages
 * @param code the body
 * @param wire the codecs and frame limits of its channels and result
 */
record ChildSetup(String id, RoutineCode code, Wire wire) implements Serializable {
    private static final long serialVersionUID = 1L;
}
