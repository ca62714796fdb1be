package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.file.FileStat;
import dev.ioasync.file.FileWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IO::Async::File: polling a path's attributes, with real files. */
public abstract class FileWatchTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FileWatchTck() {
    }

    /** Fast polling keeps the tests short. */
    static final Duration FAST = Duration.ofMillis(50);

    /** A directory of the test's own. */
    @TempDir
    protected Path dir;

    private Path file;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void makeFile() throws Exception {
        file = Files.writeString(dir.resolve("watched.txt"), "12345");
    }

    private FileWatch watch() {
        FileWatch w = new FileWatch(file).interval(FAST)
                .onCreated(s -> events.add("created"))
                .onGone(s -> events.add("gone"))
                .onDevinoChanged((n, o) -> events.add("devino"))
                .onSizeChanged((n, o) -> events.add("size " + o + "->" + n))
                .onMtimeChanged((n, o) -> events.add("mtime"))
                .onModeChanged((n, o) -> events.add("mode"))
                .onStatChanged((n, o) -> events.add("stat"));
        loop.add(w);
        return w;
    }

    private void waitFor(String event) {
        runUntil(loop, () -> events.contains(event), "event '" + event + "' (saw " + events + ")");
    }

    @Test
    void fileWatch_defaultIntervalIsTwoSeconds() {
        assertThat(new FileWatch(file).interval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fileWatch_firstPollOnlyRecords() {
        FileWatch w = watch();
        assertThat(w.lastStat().exists()).isTrue();
        assertThat(w.lastStat().size()).isEqualTo(5);
        w.poll();
        long deadline = System.nanoTime() + FAST.multipliedBy(4).toNanos();
        do { // at least one iteration, even when a busy machine stalls this thread past the deadline
            loop.loopOnce(FAST);
        } while (System.nanoTime() < deadline);
        assertThat(events).as("nothing changed, so no event").isEmpty();
    }

    @Test
    void fileWatch_sizeChangeIsReportedWithNewAndOld() throws Exception {
        watch();
        Files.writeString(file, "6789", StandardOpenOption.APPEND);
        waitFor("stat");
        assertThat(events).contains("size 5->9");
        assertThat(events.get(events.size() - 1)).as("on_stat_changed comes last").isEqualTo("stat");
    }

    @Test
    void fileWatch_mtimeChange() throws Exception {
        watch();
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        waitFor("mtime");
        assertThat(events).doesNotContain("size 5->5");
    }

    @Test
    void fileWatch_modeChange() throws Exception {
        watch();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        waitFor("mode");
    }

    @Test
    void fileWatch_rotationChangesDevino() throws Exception {
        List<FileStat> seen = new CopyOnWriteArrayList<>();
        FileWatch w = watch();
        w.onDevinoChanged((n, o) -> {
            seen.add(n);
            seen.add(o);
            events.add("devino");
        });
        Path fresh = Files.writeString(dir.resolve("fresh.txt"), "new");
        Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        waitFor("devino");
        assertThat(seen.get(0).ino()).isNotEqualTo(seen.get(1).ino());
        assertThat(seen.get(0).size()).isEqualTo(3);
        assertThat(events).contains("size 5->3");
    }

    @Test
    void fileWatch_goneThenCreated() throws Exception {
        watch();
        Files.delete(file);
        waitFor("gone");
        Files.writeString(file, "back");
        waitFor("created");
        assertThat(events.indexOf("gone")).isLessThan(events.indexOf("created"));
    }

    @Test
    void fileWatch_aMissingPathCanBeWatched() throws Exception {
        file = dir.resolve("not-yet");
        FileWatch w = watch();
        assertThat(w.lastStat().exists()).isFalse();
        Files.writeString(file, "now");
        waitFor("created");
    }

    @Test
    void fileWatch_stopAndRemovalEndPolling() throws Exception {
        FileWatch w = watch();
        w.stop();
        assertThat(w.isRunning()).isFalse();
        assertThat(loop.pendingTimers()).isZero();
        w.start();
        assertThat(loop.pendingTimers()).isEqualTo(1);
        loop.remove(w);
        assertThat(loop.pendingTimers()).isZero();
    }
}
