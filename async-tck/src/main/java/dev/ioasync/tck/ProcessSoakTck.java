package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Future;
import dev.ioasync.process.ChildResult;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Many children at once: each echoes its own 64 KiB through {@code cat}; every byte and every exit
 * status is checked, and afterwards no thread or file descriptor of ours is left.
 */
public abstract class ProcessSoakTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ProcessSoakTck() {
    }

    private static final int CHILDREN = 200;
    private static final int BYTES = 64 * 1024;

    /**
     * The slack allowed in the descriptor count: the JDK opens a few descriptors lazily and keeps
     * them (for example its process-launch helper's and {@code /dev/random}'s); everything this
     * library opens per child (four pipe ends, three process streams) is per child, so a leak shows
     * as hundreds, far above this.
     */
    private static final int FD_TOLERANCE = 8;

    /**
     * The slack allowed in the thread count. Threads of the JDK's own pools are not counted at
     * all ({@code process reaper} threads linger 60 s in a cached pool, fork-join workers that
     * complete {@code onExit} linger too); the tolerance covers a few other JDK threads started
     * lazily on first use. Each child has two pump threads of ours, so a leak shows as hundreds.
     */
    private static final int THREAD_TOLERANCE = 4;

    private static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new AssertionError("cannot count /proc/self/fd", e);
        }
    }

    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("process reaper") && !n.startsWith("ForkJoinPool"))
                .count();
    }

    private void settle(long fds, long threads) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((openFds() > fds + FD_TOLERANCE || ourThreads() > threads + THREAD_TOLERANCE
                || ProcessTck.pumpThreads() > 0) && System.nanoTime() < deadline) {
            loop.loopOnce(Duration.ofMillis(50)); // pumps close their pipe ends through the loop
        }
    }

    @Test
    void processSoak_twoHundredConcurrentCatsEchoEveryByte() {
        // warm up: the JDK's launch helper and pools, so that they are counted before
        awaitReady(loop.runProcess(Command.of("cat").stderr(Redirect.DISCARD), new byte[16], null)).get();
        settle(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2);
        long fdsBefore = openFds();
        long threadsBefore = ourThreads();

        List<byte[]> inputs = new ArrayList<>(CHILDREN);
        List<Future<ChildResult>> results = new ArrayList<>(CHILDREN);
        for (int i = 0; i < CHILDREN; i++) {
            byte[] data = new byte[BYTES];
            new Random(i).nextBytes(data);
            inputs.add(data);
            results.add(loop.runProcess(Command.of("cat"), data, Duration.ofMinutes(2)));
        }
        Future<List<ChildResult>> all = Future.needsAll(results);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!all.isReady() && System.nanoTime() < deadline) {
            loop.loopOnce(Duration.ofMillis(100));
        }
        assertThat(all.isReady()).as("all children finished within two minutes").isTrue();
        List<ChildResult> got = all.get();
        for (int i = 0; i < CHILDREN; i++) {
            ChildResult r = got.get(i);
            assertThat(r.status()).as("exit status of child " + i).isEqualTo(ExitStatus.exited(0));
            assertThat(r.stdout()).as("bytes echoed by child " + i).isEqualTo(inputs.get(i));
            assertThat(r.stderr()).as("stderr of child " + i).isEmpty();
        }

        settle(fdsBefore, threadsBefore);
        assertThat(ProcessTck.pumpThreads()).as("pump threads left").isZero();
        assertThat(openFds()).as("open file descriptors (before: " + fdsBefore + ")")
                .isLessThanOrEqualTo(fdsBefore + FD_TOLERANCE);
        assertThat(ourThreads()).as("live threads (before: " + threadsBefore + ")")
                .isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
        assertThat(loop.notifiers()).as("finished processes remove themselves").isEmpty();
        assertThat(loop.watchedHandles()).isZero();
    }
}
