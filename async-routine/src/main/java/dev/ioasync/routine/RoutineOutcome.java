package dev.ioasync.routine;

/**
 * How a routine ended, as {@link Routine#onFinish} receives it (IO::Async::Routine's
 * {@code on_finish}, which passes the exit code in the fork model and the {@code on_joined}
 * result in the thread model).
 *
 * @param type {@code "return"} when the code returned, {@code "died"} when it threw or its
 *     process ended without a result
 * @param value the returned value, or {@code null}
 * @param exception what it died of, or {@code null}
 * @param exitCode the child JVM's exit status ({@code 128 + signal} when a signal killed it), or
 *     {@code -1} in the thread models
 */
public record RoutineOutcome(String type, Object value, RoutineException exception, int exitCode) {

    /** {@return whether the code returned normally} */
    public boolean returned() {
        return "return".equals(type);
    }
}
