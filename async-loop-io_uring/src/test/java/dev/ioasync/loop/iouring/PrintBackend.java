package dev.ioasync.loop.iouring;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;

/**
 * The child JVM of {@link IoUringBackendChoiceIT}: opens {@code Loop.create()} and prints which
 * backend it got ({@code backend=NAME}), or why none ({@code unavailable=MESSAGE}, exit status 3).
 */
public final class PrintBackend {

    private PrintBackend() {
    }

    /**
     * Prints the backend the magic constructor picks in this JVM.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Loop loop = Loop.create()) {
            System.out.println("backend=" + loop.backend());
        } catch (BackendUnavailableException e) {
            System.out.println("unavailable=" + e.getMessage());
            System.exit(3);
        }
    }
}
