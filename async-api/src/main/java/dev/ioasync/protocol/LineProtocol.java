package dev.ioasync.protocol;

import dev.ioasync.Future;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.StreamException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A line-based protocol over a stream: IO::Async::Protocol::LineStream. Each line read, without
 * its line ending ({@code \r\n} or {@code \n}), goes to {@link #onLine(Consumer) on_read_line};
 * {@link #writeLine(String)} ends the line with {@code \r\n}, as IO::Async does. A last line
 * without a line ending is delivered at end of file.
 *
 * <p>A line longer than {@link #maxLineLength(int) the maximum line length} (64 KiB by default;
 * IO::Async has none) fails the transport with category {@code read-limit}: it closes, and its
 * {@code on_read_error} (or the error handlers) hear why. Looking for the end of a line costs
 * time linear in the bytes read, however many reads the line takes.
 */
public class LineProtocol extends StreamProtocol {

    /** The default {@linkplain #maxLineLength(int) maximum line length}: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private Consumer<String> onLine;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

    /** Creates a line protocol with no transport yet. */
    public LineProtocol() {
    }

    /**
     * Sets what receives each line.
     *
     * @param code the callback
     * @return this
     */
    public LineProtocol onLine(Consumer<String> code) {
        this.onLine = code;
        return this;
    }

    /**
     * Sets the longest line accepted, in bytes, line ending included (default 64 KiB). A longer
     * line fails the transport with category {@code read-limit}.
     *
     * @param bytes more than zero
     * @return this
     */
    public LineProtocol maxLineLength(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the maximum line length must be more than zero, not " + bytes);
        }
        this.maxLineLength = bytes;
        return this;
    }

    /** {@return the longest line accepted, in bytes} */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Writes one line, ending it with {@code \r\n} (IO::Async's {@code write_line}).
     *
     * @param line the line, without its ending
     * @return the write's future
     */
    public Future<Void> writeLine(String line) {
        return write(Objects.requireNonNull(line, "line") + "\r\n");
    }

    @Override
    protected ReadResult onRead(ReadBuffer buffer, boolean eof) {
        Stream t = transport();
        Charset charset = t == null ? StandardCharsets.UTF_8 : t.charset();
        int nl;
        while ((nl = buffer.lineEnd()) >= 0) {
            if (nl + 1 > maxLineLength) {
                tooLong(t, nl + 1);
                return ReadResult.WAIT;
            }
            deliver(strip(buffer.takeString(nl + 1, charset)));
            if (t != null && t.isClosed()) {
                return ReadResult.WAIT;
            }
        }
        if (buffer.size() > maxLineLength) {
            tooLong(t, buffer.size());
            return ReadResult.WAIT;
        }
        if (eof && !buffer.isEmpty()) {
            deliver(buffer.takeString(buffer.size(), charset));
        }
        return ReadResult.WAIT;
    }

    private void tooLong(Stream t, int length) {
        String why = "a line of " + (length > maxLineLength ? "more than " + maxLineLength : length)
                + " bytes is longer than " + this + " accepts (" + maxLineLength + " bytes); closing " + t;
        if (t != null) {
            t.fail(new StreamException("read-limit", why));
        }
    }

    private void deliver(String line) {
        if (onLine != null) {
            invokeEvent("on_read_line", () -> onLine.accept(line));
        }
    }

    private static String strip(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}
