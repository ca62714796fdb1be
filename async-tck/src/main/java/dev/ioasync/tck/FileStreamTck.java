package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.file.FileStream;
import dev.ioasync.stream.ReadResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IO::Async::FileStream: following a growing file like {@code tail -f}, with real files. */
public abstract class FileStreamTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FileStreamTck() {
    }

    /** A directory of the test's own. */
    @TempDir
    protected Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private FileStream follow(Path file) {
        return new FileStream(file).interval(Duration.ofMillis(50)).onRead((s, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                lines.add(line.strip());
            }
            return ReadResult.WAIT;
        }).onTruncated(() -> events.add("truncated")).onRotated(() -> events.add("rotated"));
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private void waitLines(String... expected) {
        runUntil(loop, () -> lines.size() >= expected.length, expected.length + " lines (saw " + lines + ")");
        assertThat(lines).containsExactly(expected);
    }

    @Test
    void fileStream_initialEventIsSynchronousWithTheSize() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "0123456789");
        List<Long> initial = new ArrayList<>();
        FileStream s = new FileStream(f).onInitial(initial::add);
        assertThat(initial).isEmpty();
        loop.add(s);
        assertThat(initial).as("on_initial ran inside add").containsExactly(10L);
        assertThatThrownBy(() -> s.seek(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on_initial");
    }

    @Test
    void fileStream_readsWhatIsThereThenWhatIsAppended() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "one\ntwo\n");
        loop.add(follow(f));
        waitLines("one", "two");
        append(f, "three\n");
        waitLines("one", "two", "three");
    }

    @Test
    void fileStream_seekToEndSkipsWhatIsThere() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "old\n");
        FileStream s = follow(f);
        s.onInitial(size -> s.seekToEnd());
        loop.add(s);
        assertThat(s.position()).isEqualTo(4);
        append(f, "new\n");
        waitLines("new");
    }

    @Test
    void fileStream_seekToAnOffset() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "skip\nkeep\n");
        FileStream s = follow(f);
        s.onInitial(size -> s.seek(5));
        loop.add(s);
        waitLines("keep");
    }

    @Test
    void fileStream_truncationReadsFromTheStartWithAnEvent() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "a long first line\n");
        loop.add(follow(f));
        waitLines("a long first line");
        Files.writeString(f, "b\n", StandardOpenOption.TRUNCATE_EXISTING);
        waitLines("a long first line", "b");
        assertThat(events).containsExactly("truncated");
    }

    @Test
    void fileStream_rotationFollowsTheNewFileWithAnEvent() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "one\n");
        FileStream s = follow(f);
        loop.add(s);
        waitLines("one");
        append(f, "two\n");
        Files.move(f, dir.resolve("log.1"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(f, "three\n");
        waitLines("one", "two", "three");
        assertThat(events).containsExactly("rotated");
        append(f, "four\n");
        waitLines("one", "two", "three", "four");
    }

    @Test
    void fileStream_readFuturesWork() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "");
        FileStream s = new FileStream(f).interval(Duration.ofMillis(50));
        loop.add(s);
        Future<String> line = s.readUntil("\n");
        append(f, "hello\nworld");
        assertThat(awaitReady(line).get()).isEqualTo("hello\n");
        Future<byte[]> five = s.readExactly(5);
        assertThat(new String(awaitReady(five).get(), StandardCharsets.UTF_8)).isEqualTo("world");
    }

    @Test
    void fileStream_isReadOnly() throws Exception {
        Path f = Files.writeString(dir.resolve("log"), "");
        FileStream s = new FileStream(f);
        loop.add(s);
        Future<Void> w = s.write("nope");
        assertThat(w.failure().category()).isEqualTo("write");
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(loop.pendingTimers()).as("closing stops the polling").isZero();
    }

    @Test
    void fileStream_missingFileIsAnErrorAtOnce() {
        assertThatThrownBy(() -> new FileStream(dir.resolve("missing")))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("missing");
    }
}
