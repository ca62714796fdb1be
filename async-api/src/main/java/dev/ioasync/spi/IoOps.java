package dev.ioasync.spi;

/**
 * Readiness bits shared by the core and every {@link Poller}: what a registration is interested
 * in and what a poll reports. Combine with {@code |}.
 */
public final class IoOps {

    /** No interest: the handle stays registered but reports nothing. */
    public static final int NONE = 0;
    /** The handle can be read without blocking, or is at end of stream, or has an error. */
    public static final int READ = 1;
    /** The handle can be written without blocking, or has an error. */
    public static final int WRITE = 2;
    /** Every bit a registration may ask for. */
    public static final int ALL = READ | WRITE;

    private IoOps() {
    }

    /**
     * Checks that {@code ops} holds only known bits.
     *
     * @param ops the bits to check
     * @return {@code ops}
     * @throws IllegalArgumentException when an unknown bit is set
     */
    public static int check(int ops) {
        if ((ops & ~ALL) != 0) {
            throw new IllegalArgumentException("unknown I/O interest bits 0x" + Integer.toHexString(ops)
                    + " (known: READ=1, WRITE=2)");
        }
        return ops;
    }

    /**
     * Describes the bits for messages.
     *
     * @param ops the bits
     * @return for example {@code "READ|WRITE"} or {@code "NONE"}
     */
    public static String toString(int ops) {
        return switch (ops & ALL) {
            case READ -> "READ";
            case WRITE -> "WRITE";
            case ALL -> "READ|WRITE";
            default -> "NONE";
        };
    }
}
