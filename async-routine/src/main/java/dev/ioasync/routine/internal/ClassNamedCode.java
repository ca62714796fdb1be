package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;

/**
 * Routine code named by class: only the name is serialized; the class is instantiated where the
 * code runs, with its public no-argument constructor.
 *
 * @param className the class, which implements {@link RoutineCode}
 */
public record ClassNamedCode(String className) implements RoutineCode {

    private static final long serialVersionUID = 1L;

    @Override
    public Object run(RoutineContext context) throws Exception {
        return ClassNamedCode.instantiate(className, RoutineCode.class).run(context);
    }

    /**
     * Loads and instantiates a named class.
     *
     * @param className the class name
     * @param type what it must implement
     * @param <T> that type
     * @return a new instance
     * @throws ReflectiveOperationException when it cannot be loaded or built
     */
    public static <T> T instantiate(String className, Class<T> type) throws ReflectiveOperationException {
        Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        if (!type.isAssignableFrom(c)) {
            throw new ClassCastException(className + " does not implement " + type.getName());
        }
        return type.cast(c.getDeclaredConstructor().newInstance());
    }
}
