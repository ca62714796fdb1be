package dev.ioasync.protocol;

import dev.ioasync.Future;
import dev.ioasync.stream.ReadBuffer;
import dev.ioasync.stream.ReadResult;
import java.util.function.Consumer;

/**
 * A line-based protocol over a stream (the classic IO::Async::Protocol::LineStream): each line
 * read, without its line ending, goes to {@link #onLine(Consumer) on_read_line};
 * {@link #writeLine(String)} adds {@code \n}. A last line without a newline is delivered at end
 * of file.
 */
public class LineProtocol extends StreamProtocol {

    private Consumer<String> onLine;

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
     * Writes one line.
     *
     * @param line the line, without its ending
     * @return the write's future
     */
    public Future<Void> writeLine(String line) {
        return write(line + "\n");
    }

    @Override
    protected ReadResult onRead(ReadBuffer buffer, boolean eof) {
        var charset = transport() == null ? java.nio.charset.StandardCharsets.UTF_8 : transport().charset();
        String line;
        while ((line = buffer.takeLine(charset)) != null) {
            deliver(strip(line));
        }
        if (eof && !buffer.isEmpty()) {
            deliver(buffer.takeString(buffer.size(), charset));
        }
        return ReadResult.WAIT;
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
