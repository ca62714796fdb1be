package dev.ioasync.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether SIGINT can be tested here. */
final class Sigint {

    private Sigint() {
    }

    /**
     * Whether SIGINT reaches this JVM's handlers (and those of the JVMs it starts): a JVM started
     * with it ignored (in the background) cannot watch it, and its children inherit that.
     */
    static boolean handled() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return true;
        }
        String ignored = Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElse("SigIgn: 0").substring(7).strip();
        return (Long.parseUnsignedLong(ignored, 16) & (1L << 1)) == 0; // bit 1 is SIGINT (signal 2)
    }

    static final String IGNORED = "SIGINT is ignored in this JVM (started in the background), so Ctrl-C cannot be tested";
}
