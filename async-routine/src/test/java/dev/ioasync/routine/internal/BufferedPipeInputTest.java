package dev.ioasync.routine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BufferedPipeInput} over a real file that grows as a pipe fills: "has more arrived?" is
 * answered from the buffer while it holds bytes, and asks the file descriptor (system calls) only
 * when the buffer is empty.
 */
class BufferedPipeInputTest {

    /** Counts the times the pipe is asked what it has. */
    private static final class CountingAvailable extends FilterInputStream {
        int asked;

        CountingAvailable(InputStream in) {
            super(in);
        }

        @Override
        public int available() throws IOException {
            asked++;
            return super.available();
        }
    }

    @Test
    void availableAnswersFromTheBufferAndAsksBelowOnlyWhenItIsEmpty(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("frames");
        try (OutputStream w = new FileOutputStream(file.toFile());
             CountingAvailable below = new CountingAvailable(new FileInputStream(file.toFile()));
             BufferedPipeInput in = new BufferedPipeInput(below, 64)) {
            w.write(new byte[] {1, 2, 3, 4});
            w.flush();
            assertThat(in.read()).isEqualTo(1); // one read fills the buffer with what has arrived
            int asked = below.asked;
            assertThat(in.available()).isEqualTo(3);
            assertThat(in.read(new byte[3])).isEqualTo(3);
            assertThat(below.asked).as("asked below while the buffer held bytes").isEqualTo(asked);
            assertThat(in.available()).as("nothing buffered, nothing more written").isZero();
            assertThat(below.asked).as("the empty buffer asks below").isEqualTo(asked + 1);
            w.write(new byte[] {5, 6});
            w.flush();
            assertThat(in.available()).as("bytes written, not read yet").isEqualTo(2);
            assertThat(in.read()).isEqualTo(5);
        }
    }

    @Test
    void itTellsWhatIsBufferedAndOnlyAReadOrAskBelowCountsAsFreshInput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("frames");
        try (OutputStream w = new FileOutputStream(file.toFile());
             BufferedPipeInput in = new BufferedPipeInput(new FileInputStream(file.toFile()), 64)) {
            w.write(new byte[] {1, 2, 3, 4});
            w.flush();
            assertThat(in.buffered()).isZero();
            assertThat(in.read()).isEqualTo(1);
            long filled = System.nanoTime(); // the read below happened before this
            assertThat(in.buffered()).as("the rest of what one read brought").isEqualTo(3);
            assertThat(in.read(new byte[2])).isEqualTo(2);
            assertThat(in.buffered()).isEqualTo(1);
            long atLeast = System.nanoTime() - filled;
            assertThat(in.nanosSinceBelow()).as("taking from the buffer is not news from below")
                    .isGreaterThanOrEqualTo(atLeast);
            assertThat(in.read()).isEqualTo(4);
            long asking = System.nanoTime();
            assertThat(in.available()).as("nothing more written").isZero();
            long since = in.nanosSinceBelow();
            assertThat(since).as("asking below with an empty buffer is").isLessThanOrEqualTo(System.nanoTime() - asking);
        }
    }
}
