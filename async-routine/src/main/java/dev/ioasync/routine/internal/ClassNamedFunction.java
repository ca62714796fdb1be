package dev.ioasync.routine.internal;

import dev.ioasync.routine.FunctionCode;

/**
 * Function code named by class: only the name is serialized; the class is instantiated once where
 * the worker runs.
 */
public final class ClassNamedFunction implements FunctionCode {

    private static final long serialVersionUID = 1L;

    private final String className;
    private transient FunctionCode instance;

    /**
     * Names the class.
     *
     * @param className a class implementing {@link FunctionCode} with a public no-argument constructor
     */
    public ClassNamedFunction(String className) {
        this.className = className;
    }

    @Override
    public Object apply(Object... args) throws Exception {
        FunctionCode f = instance;
        if (f == null) {
            f = ClassNamedCode.instantiate(className, FunctionCode.class);
            instance = f;
        }
        return f.apply(args);
    }

    /** {@return the name of the class} */
    public String className() {
        return className;
    }

    @Override
    public String toString() {
        return className;
    }
}
