package dev.ioasync.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the named pipes {@link OutputFifo} uses, in a directory of this JVM's own (mode 700),
 * {@value #BATCH} at a time with one run of {@code mkfifo} (the JDK cannot make a FIFO itself).
 * Where they cannot be made (no {@code mkfifo}, no writable temporary directory, no POSIX file
 * system), {@link #take} says so once and the caller falls back to the JDK's pipes. Thread-safe.
 */
final class Fifos {

    private static final System.Logger LOG = System.getLogger(Fifos.class.getName());

    /** How many FIFOs one run of {@code mkfifo} makes. */
    static final int BATCH = 16;

    private static final Deque<Path> READY = new ArrayDeque<>();
    private static Path dir;
    private static long made;
    private static String unavailable;

    private Fifos() {
    }

    /**
     * Takes fresh FIFOs, each to be opened once.
     *
     * @param n how many
     * @return them, or an empty list when FIFOs cannot be made here
     */
    static synchronized List<Path> take(int n) {
        if (unavailable != null) {
            return List.of();
        }
        try {
            while (READY.size() < n) {
                makeBatch();
            }
        } catch (IOException e) {
            unavailable = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, () -> "cannot make named pipes (" + unavailable + "): a child's"
                    + " output is read through the JDK's pipes, and what a grandchild writes after the child"
                    + " exited may be lost if the child exits at once", e);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<Path> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(READY.poll());
        }
        return out;
    }

    private static void makeBatch() throws IOException, InterruptedException {
        if (dir == null || !Files.isDirectory(dir)) {
            dir = Files.createTempDirectory("ioasync-fifos-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path mine = dir;
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> removeAll(mine)));
        }
        List<String> argv = new ArrayList<>(List.of("mkfifo", "-m", "600"));
        List<Path> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            Path p = dir.resolve("f" + made++);
            batch.add(p);
            argv.add(p.toString());
        }
        java.lang.Process mk = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!mk.waitFor(30, TimeUnit.SECONDS)) {
            mk.destroyForcibly();
            throw new IOException("mkfifo did not finish within 30 s");
        }
        if (mk.exitValue() != 0) {
            throw new IOException("mkfifo failed with exit " + mk.exitValue() + ": " + output);
        }
        READY.addAll(batch);
    }

    private static void removeAll(Path d) {
        try (var files = Files.list(d)) {
            files.forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            });
            Files.deleteIfExists(d);
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
