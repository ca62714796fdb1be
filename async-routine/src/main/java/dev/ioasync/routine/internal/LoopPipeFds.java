package dev.ioasync.routine.internal;

import dev.ioasync.Loop;
import dev.ioasync.io.PipePair;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop pipe (non-blocking, watched by the loop) whose ends can be handed to a child JVM by path.
 * Java cannot give a child a file descriptor, but on Linux {@code /proc/self/fd/N} names one, and
 * opening that path opens the same pipe: a child started with
 * {@code redirectInput(/proc/self/fd/R)} reads what the loop writes to the pipe, with no thread
 * in between. The number of a pipe end is found by listing {@code /proc/self/fd} before and after
 * the pipe is made: the pipe is the one new pair of fds on one pipe inode; when another thread
 * made a pipe at the same moment (two new pairs) the pipe is closed and made again.
 *
 * <p>Thread rules: any thread; each call makes its own pipe.
 */
final class LoopPipeFds {

    private static final System.Logger LOG = System.getLogger(LoopPipeFds.class.getName());
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final int ATTEMPTS = 8;
    /** The system property that, set to {@code true}, keeps every child on the JDK's pipes and threads. */
    static final String JDK_PIPES_PROPERTY = "ioasync.routine.jdkPipes";

    private LoopPipeFds() {
    }

    /**
     * A loop pipe with the numbers of its two file descriptors.
     *
     * @param pair the loop's ends
     * @param readerFd the number of the read end
     * @param writerFd the number of the write end
     */
    record Located(PipePair pair, int readerFd, int writerFd) {

        /** {@return the path that opens the read end} */
        Path readerPath() {
            return FDS.resolve(Integer.toString(readerFd));
        }

        /** {@return the path that opens the write end} */
        Path writerPath() {
            return FDS.resolve(Integer.toString(writerFd));
        }
    }

    /** {@return whether pipes can be handed to children by path here (Linux with /proc)} */
    static boolean supported() {
        return !Boolean.getBoolean(JDK_PIPES_PROPERTY) && Files.isDirectory(FDS) && Files.isReadable(FDS.resolveSibling("fdinfo"));
    }

    /**
     * Makes a loop pipe and finds its file descriptors.
     *
     * @param loop the loop
     * @return the pipe, or {@code null} when its descriptors could not be told apart from
     *     others (the caller falls back to the JDK's pipes)
     */
    static Located open(Loop loop) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<Integer, String> before;
            try {
                before = pipeFds();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot list " + FDS + ": " + e);
                return null;
            }
            PipePair pair = loop.pipe();
            try {
                Map<String, List<Integer>> fresh = new HashMap<>();
                pipeFds().forEach((fd, link) -> {
                    if (!link.equals(before.get(fd))) {
                        fresh.computeIfAbsent(link, k -> new ArrayList<>(2)).add(fd);
                    }
                });
                fresh.values().removeIf(fds -> fds.size() != 2);
                if (fresh.size() == 1) {
                    List<Integer> fds = fresh.values().iterator().next();
                    int a = fds.get(0);
                    int b = fds.get(1);
                    int modeA = accessMode(a);
                    int modeB = accessMode(b);
                    if (modeA == 0 && modeB == 1) {
                        return new Located(pair, a, b);
                    }
                    if (modeA == 1 && modeB == 0) {
                        return new Located(pair, b, a);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot find the descriptors of a loop pipe: " + e);
            }
            closeQuietly(pair);
        }
        return null;
    }

    private static Map<Integer, String> pipeFds() throws IOException {
        Map<Integer, String> fds = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(FDS)) {
            for (Path p : dir) {
                try {
                    String link = Files.readSymbolicLink(p).toString();
                    if (link.startsWith("pipe:")) {
                        fds.put(Integer.parseInt(p.getFileName().toString()), link);
                    }
                } catch (IOException | NumberFormatException gone) {
                    // closed meanwhile, or not a descriptor: not ours
                }
            }
        }
        return fds;
    }

    /** {@return the access mode of a descriptor: 0 read-only, 1 write-only, 2 read-write} */
    private static int accessMode(int fd) throws IOException {
        for (String line : Files.readAllLines(FDS.resolveSibling("fdinfo").resolve(Integer.toString(fd)))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8) & 3;
            }
        }
        throw new IOException("no flags in fdinfo of " + fd);
    }

    static void closeQuietly(PipePair pair) {
        try {
            pair.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing a loop pipe: " + e);
        }
    }
}
