package dev.ioasync.routine.internal;

/** A main class for the child JVMs of {@link ChildJvmTuningTest}, copied into a jar. */
public final class PrintsOk {

    private PrintsOk() {
    }

    /**
     * Prints {@code ok}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("ok");
    }
}
