package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exceptions as plain values, so that they cross a process boundary through the safe codec:
 * {@code [class, message, [[declaringClass, method, file, line], ...], cause]}.
 */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    /**
     * Describes an exception as plain values.
     *
     * @param error the exception
     * @return its description
     */
    public static List<Object> describe(Throwable error) {
        return describe(error, new IdentityHashMap<>());
    }

    private static List<Object> describe(Throwable error, Map<Throwable, Boolean> seen) {
        seen.put(error, Boolean.TRUE);
        String cls = error instanceof RoutineException r ? r.remoteClass() : error.getClass().getName();
        String msg = error instanceof RoutineException r ? r.remoteMessage() : error.getMessage();
        List<Object> stack = new ArrayList<>();
        for (StackTraceElement e : error.getStackTrace()) {
            stack.add(Arrays.asList(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber()));
        }
        Throwable cause = error.getCause();
        return Arrays.asList(cls, msg, stack, cause == null || seen.containsKey(cause) ? null : describe(cause, seen));
    }

    /**
     * Rebuilds the description made by {@link #describe}.
     *
     * @param value the description
     * @return the exception
     * @throws IllegalArgumentException when the value is not such a description
     */
    public static RoutineException rebuild(Object value) {
        if (!(value instanceof List<?> l) || l.size() != 4 || !(l.get(0) instanceof String cls)
                || !(l.get(2) instanceof List<?> frames)) {
            throw new IllegalArgumentException("not an exception description: " + value);
        }
        List<StackTraceElement> stack = new ArrayList<>(frames.size());
        for (Object f : frames) {
            if (f instanceof List<?> e && e.size() == 4) {
                stack.add(new StackTraceElement(String.valueOf(e.get(0)), String.valueOf(e.get(1)),
                        (String) e.get(2), e.get(3) instanceof Integer line ? line : -1));
            }
        }
        RoutineException cause = l.get(3) == null ? null : rebuild(l.get(3));
        return new RoutineException(cls, (String) l.get(1), stack, cause, null);
    }
}
