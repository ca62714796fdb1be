package dev.ioasync.routine;

import java.io.Serializable;

/**
 * The body of a {@link Routine} (IO::Async::Routine's {@code code}): runs once, away from the
 * loop, and talks to it through the channel ends in its {@link RoutineContext}. Its return value
 * reaches {@link Routine#onReturn} whole, in every model; an exception it throws reaches
 * {@link Routine#onDie}.
 *
 * <p>The interface is {@link Serializable} so that a lambda can be sent to a child JVM for the
 * {@link RoutineModel#PROCESS} model: everything the lambda captures must then be serializable
 * too. A class with a public no-argument constructor can be named instead
 * ({@link Routine#code(Class)}), which sends only its name.
 */
@FunctionalInterface
public interface RoutineCode extends Serializable {

    /**
     * Runs the routine.
     *
     * @param context the routine's channel ends
     * @return the result, given to {@code onReturn}; in the {@link RoutineModel#PROCESS} model it
     *     must be a value the result codec carries
     * @throws Exception anything, given to {@code onDie}
     */
    Object run(RoutineContext context) throws Exception;
}
