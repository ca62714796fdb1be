package dev.ioasync.routine;

import java.io.Serializable;

/**
 * The body of a {@link Function} (IO::Async::Function's {@code code}): called once per
 * {@link Function#call}, in a worker, with the call's arguments.
 *
 * <p>{@link Serializable} so that a lambda can be sent to worker JVMs in the
 * {@link RoutineModel#PROCESS} model (what it captures must be serializable too); or name a class
 * with {@link Function#code(Class)}.
 */
@FunctionalInterface
public interface FunctionCode extends Serializable {

    /**
     * Runs one call.
     *
     * @param args the call's arguments
     * @return the result; in the PROCESS model a value the codec carries
     * @throws Exception anything: the call's future fails with category {@code error}
     */
    Object apply(Object... args) throws Exception;
}
