package dev.ioasync.coro;

import dev.ioasync.Future;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.Stream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Blocking-style reads and writes on a {@link Stream} from a coro (Perl's Coro::Handle, over the
 * loop as Coro::AnyEvent does): {@link #readLine()}, {@link #read(int)}, {@link #readAtMost(int)}
 * and {@link #write(String)} return when the data is there or written, and meanwhile the loop
 * runs and other coros run; the loop's thread never blocks.
 *
 * <pre>{@code
 * CoroStream.listen("127.0.0.1", 0, conn -> {      // a coro per connection
 *     String line;
 *     while ((line = conn.readLine()) != null) {
 *         conn.write("echo: " + line);
 *     }
 * });
 * }</pre>
 *
 * <h2>End of file, failures and timeouts</h2>
 * At end of file {@link #readLine()} returns what is left of the last line, then {@code null};
 * {@link #read(int)} returns fewer than {@code n} bytes, then empty arrays; {@link #readAtMost}
 * returns an empty array. A read or write failure throws the stream's
 * {@link dev.ioasync.FutureFailure} (category {@code read}, {@code write} or {@code closed}).
 * Every wait takes an optional timeout (or the {@linkplain #timeout(Duration) default} one) and
 * throws {@link CoroTimeoutException} when it runs out. A read that timed out or was interrupted
 * ({@link Coro#throwInto}, {@link Coro#cancel}) is withdrawn and takes nothing: the data stays
 * buffered for the next read. A write that timed out stays queued (its bytes may be partly sent).
 *
 * <h2>Thread rules</h2>
 * Use it from coros (or the main coro) of the scheduler of the stream's loop; the stream calls
 * are made on the loop's thread under both mechanisms. Reads from two coros at once queue up in
 * call order, as the stream's read futures do.
 */
public final class CoroStream implements AutoCloseable {

    private static final Object[] NO_ARGS = new Object[0];

    private final CoroScheduler s;
    private final Stream stream;
    private Duration timeout;

    private CoroStream(CoroScheduler s, Stream stream) {
        this.s = s;
        this.stream = stream;
    }

    /**
     * Wraps a stream, adding it to the scheduler's loop when it is in none yet (as a stream from
     * {@code loop.connect} is not).
     *
     * @param stream the stream
     * @return its blocking-style wrapper
     */
    public static CoroStream of(Stream stream) {
        Objects.requireNonNull(stream, "stream");
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        s.onLoopThread(() -> {
            if (stream.loop() == null && stream.parent() == null) {
                s.loop.add(stream);
            }
            return null;
        });
        return new CoroStream(s, stream);
    }

    /**
     * Connects to {@code host:port} and waits for the connection ({@code loop.connect}).
     *
     * @param host a host name or numeric address
     * @param port the port
     * @param timeout the longest wait, or {@code null} for the connector's own limits
     * @return the connected stream, in the loop
     * @throws dev.ioasync.FutureFailure when the connection failed
     * @throws CoroTimeoutException when the time ran out (the attempt is cancelled)
     */
    public static CoroStream connect(String host, int port, Duration timeout) {
        Objects.requireNonNull(host, "host");
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        Stream stream = awaitOrWithdraw(s, () -> s.loop.connect(host, port), timeout,
                "connect to " + host + ":" + port);
        return of(stream);
    }

    /**
     * Listens on {@code host:port} and runs {@code handler} in a new coro for each connection; the
     * connection is closed (once its writes are out) when the handler returns or throws. A
     * handler that throws ends its coro failed, which is logged.
     *
     * @param host a numeric address or host name, {@code null} for all
     * @param port the port, 0 for any free one ({@link Listener#port()} says which)
     * @param handler what to do with each connection, in a coro of its own
     * @return the listener, already accepting; remove and close it to stop
     * @throws dev.ioasync.FutureFailure when it cannot listen
     */
    public static Listener listen(String host, int port, Consumer<CoroStream> handler) {
        Objects.requireNonNull(handler, "handler");
        CoroScheduler s = CoroScheduler.current();
        s.checkThread();
        Consumer<Stream> onStream = stream -> {
            CoroStream conn = new CoroStream(s, stream);
            Coro c = new Coro(s, a -> {
                try (conn) {
                    handler.accept(conn);
                }
                return null;
            }, NO_ARGS, false);
            c.desc("connection " + stream);
            c.ready();
        };
        return awaitOrWithdraw(s, () -> s.loop.listen(host, port, onStream), null, "listen on " + host + ":" + port);
    }

    /** {@return the stream} */
    public Stream stream() {
        return stream;
    }

    /**
     * Sets the timeout of the waits that are given none.
     *
     * @param defaultTimeout the longest wait, or {@code null} for none (the default)
     * @return this
     */
    public CoroStream timeout(Duration defaultTimeout) {
        this.timeout = defaultTimeout;
        return this;
    }

    /** {@return the timeout of the waits that are given none, or {@code null}} */
    public Duration timeout() {
        return timeout;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads one line ({@code $fh->readline}).
     *
     * @return the line with its {@code \n}; at end of file what is left, then {@code null}
     */
    public String readLine() {
        return readLine(timeout);
    }

    /**
     * Reads one line, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait, or {@code null} for none
     * @return the line with its {@code \n}; at end of file what is left, then {@code null}
     * @throws CoroTimeoutException when no whole line came in time
     */
    public String readLine(Duration timeout) {
        return readUntil("\n", timeout);
    }

    /**
     * Reads through the first {@code delimiter}, waiting at most {@code timeout}.
     *
     * @param delimiter for example {@code "\r\n"}
     * @param timeout the longest wait, or {@code null} for none
     * @return the text, ending with the delimiter; at end of file what is left, then {@code null}
     * @throws CoroTimeoutException when no delimiter came in time
     */
    public String readUntil(String delimiter, Duration timeout) {
        Objects.requireNonNull(delimiter, "delimiter");
        String text = read(() -> stream.readUntil(delimiter), timeout, "readUntil");
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * Reads exactly {@code n} bytes ({@code $fh->read}), fewer at end of file.
     *
     * @param n how many
     * @return the bytes; fewer than {@code n} at end of file, an empty array after it
     */
    public byte[] read(int n) {
        return read(n, timeout);
    }

    /**
     * Reads exactly {@code n} bytes, waiting at most {@code timeout}.
     *
     * @param n how many
     * @param timeout the longest wait, or {@code null} for none
     * @return the bytes; fewer than {@code n} at end of file, an empty array after it
     * @throws CoroTimeoutException when the {@code n} bytes did not all come in time (none is taken)
     */
    public byte[] read(int n, Duration timeout) {
        if (n < 0) {
            throw new IllegalArgumentException("read needs a count of zero or more, not " + n);
        }
        return bytes(n == 0 ? new byte[0] : read(() -> stream.readExactly(n), timeout, "read(" + n + ")"));
    }

    /**
     * Reads what is there, at most {@code n} bytes, waiting for at least one ({@code sysread}).
     *
     * @param n the most to take, at least 1
     * @return the bytes; an empty array at end of file
     */
    public byte[] readAtMost(int n) {
        return readAtMost(n, timeout);
    }

    /**
     * Reads what is there, at most {@code n} bytes, waiting at most {@code timeout} for one.
     *
     * @param n the most to take, at least 1
     * @param timeout the longest wait, or {@code null} for none
     * @return the bytes; an empty array at end of file
     * @throws CoroTimeoutException when nothing came in time
     */
    public byte[] readAtMost(int n, Duration timeout) {
        if (n <= 0) {
            throw new IllegalArgumentException("readAtMost needs a count of one or more, not " + n);
        }
        return bytes(read(() -> stream.readAtMost(n), timeout, "readAtMost(" + n + ")"));
    }

    /**
     * Reads everything until end of file.
     *
     * @param timeout the longest wait, or {@code null} for none
     * @return the bytes
     * @throws CoroTimeoutException when end of file did not come in time (nothing is taken)
     */
    public byte[] readUntilEof(Duration timeout) {
        return bytes(read(stream::readUntilEof, timeout, "readUntilEof"));
    }

    /** {@return whether end of file was read and nothing is left to read} */
    public boolean isEof() {
        return s.onLoopThread(() -> stream.isReadEof() && stream.readBuffer().isEmpty());
    }

    private <T> T read(Supplier<Future<T>> start, Duration timeout, String what) {
        s.checkThread();
        if (isEof()) {
            return null; // the stream may be closed by now: end of file again, not a failure
        }
        return awaitOrWithdraw(s, start, timeout, what + " on " + stream);
    }

    private static byte[] bytes(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes text in the stream's charset and waits until it is handed to the operating system.
     *
     * @param text the text
     * @throws dev.ioasync.FutureFailure when the write failed (category {@code write}: the peer
     *     is gone; {@code closed})
     */
    public void write(String text) {
        write(text, timeout);
    }

    /**
     * Writes text and waits at most {@code timeout} until it is written.
     *
     * @param text the text
     * @param timeout the longest wait, or {@code null} for none
     * @throws CoroTimeoutException when it was not all written in time (the rest stays queued)
     */
    public void write(String text, Duration timeout) {
        Objects.requireNonNull(text, "text");
        awaitWrite(() -> stream.write(text), timeout);
    }

    /**
     * Writes bytes and waits until they are handed to the operating system.
     *
     * @param data the bytes (copied)
     */
    public void write(byte[] data) {
        write(data, timeout);
    }

    /**
     * Writes bytes and waits at most {@code timeout} until they are written.
     *
     * @param data the bytes (copied)
     * @param timeout the longest wait, or {@code null} for none
     * @throws CoroTimeoutException when they were not all written in time (the rest stays queued)
     */
    public void write(byte[] data, Duration timeout) {
        Objects.requireNonNull(data, "data");
        awaitWrite(() -> stream.write(data), timeout);
    }

    private void awaitWrite(Supplier<Future<Void>> start, Duration timeout) {
        s.checkThread();
        Future<Void> f = s.onLoopThread(start);
        Coro.await(f, timeout);
    }

    /** Closes the stream once what is queued is written ({@code close_when_empty}); idempotent. */
    @Override
    public void close() {
        s.checkThread();
        s.onLoopThread(() -> {
            if (!stream.isClosed()) {
                stream.closeWhenEmpty();
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "CoroStream[" + stream + "]";
    }

    // ------------------------------------------------------------------ waiting

    /**
     * Starts an operation on the loop's thread and waits for its future; when the wait ends any
     * other way than with the future ready (a timeout, a throwInto, a cancel), cancels the future
     * so that it takes nothing.
     */
    private static <T> T awaitOrWithdraw(CoroScheduler s, Supplier<Future<T>> start, Duration timeout, String what) {
        Future<T> f = s.onLoopThread(start);
        try {
            return Coro.await(f, timeout);
        } catch (CoroTimeoutException e) {
            throw new CoroTimeoutException(what + ": not done within " + timeout);
        } finally {
            if (!f.isReady()) {
                s.onLoopThread(f::cancel);
            }
        }
    }
}
