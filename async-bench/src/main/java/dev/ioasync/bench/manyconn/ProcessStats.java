package dev.ioasync.bench.manyconn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This JVM's heap in use after GC, resident set size and open file descriptors (Linux {@code /proc}). */
final class ProcessStats {

    private ProcessStats() {
    }

    /** @return the heap in use after three full collections, in kB */
    static long heapAfterGcKb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10;
    }

    /** @return the number of open file descriptors, -1 where {@code /proc/self/fd} is missing */
    static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** @return the resident set size in kB ({@code VmRSS}), -1 where {@code /proc/self/status} is missing */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
