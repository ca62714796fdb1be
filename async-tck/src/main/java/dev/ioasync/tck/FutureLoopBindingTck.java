package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.file.FileStream;
import dev.ioasync.io.PipePair;
import dev.ioasync.net.Listener;
import dev.ioasync.process.ChildResult;
import dev.ioasync.process.Command;
import dev.ioasync.process.ExitStatus;
import dev.ioasync.process.Process;
import dev.ioasync.process.ProcessSignals;
import dev.ioasync.protocol.StreamProtocol;
import dev.ioasync.stream.Stream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every future the API returns is bound to its loop: {@link Future#get()} with no timeout, called
 * on the loop's own thread while the loop is not running, runs the loop until the future is ready
 * (IO::Async's {@code $f->get} on an {@code IO::Async::Future}), instead of blocking the only
 * thread that could complete it. One test per future-returning method of Loop, Stream (and what
 * builds on it), Listener's loop helper, DatagramSocket and Process.
 *
 * <p>Each {@code get()} is guarded: a loop timer cancels the future after {@link #WAIT} (for a
 * bound future the loop runs, so the timer fires), and a watchdog thread interrupts the test
 * thread a little later (for an unbound future nothing runs the loop, and the blocked
 * {@code get()} gives up on the interrupt); either way the test fails saying which.
 */
public abstract class FutureLoopBindingTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FutureLoopBindingTck() {
    }

    /** A directory of the test's own. */
    @TempDir
    protected Path dir;

    private final List<Stream> streams = new ArrayList<>();
    private PipePair toStream;
    private PipePair fromStream;
    private Stream stream;

    /** Makes {@link #stream}: reads what the test writes to a pipe, writes to another pipe. */
    @BeforeEach
    void makeStream() {
        toStream = loop.pipe();
        fromStream = loop.pipe();
        stream = new Stream(toStream.reader(), fromStream.writer());
        loop.add(stream);
        streams.add(stream);
    }

    /** Closes the test's pipes. */
    @AfterEach
    void closePipes() throws Exception {
        for (Stream s : streams) {
            if (!s.isClosed() && !loop.isClosed()) {
                s.close();
            }
        }
        toStream.close();
        fromStream.close();
    }

    /**
     * Calls {@code f.get()} on the loop thread, with the loop not running, and checks that it came
     * back by running the loop, and that the future is bound to {@link #loop}.
     *
     * @param api the method under test, for the failure message
     * @param f the future it returned
     * @param <T> its type
     * @return {@code f}, ready
     */
    protected <T> Future<T> getOnLoopThread(String api, Future<T> f) {
        assertThat(loop.inLoopThread()).as("the test runs on the loop's thread").isTrue();
        Thread me = Thread.currentThread();
        AtomicBoolean guard = new AtomicBoolean();
        Cancellable inLoop = loop.watchTimeAfter(WAIT, () -> {
            guard.set(true);
            f.cancel();
        });
        CountDownLatch back = new CountDownLatch(1);
        Thread watchdog = Thread.ofPlatform().daemon().name("future-binding-watchdog").start(() -> {
            try {
                if (!back.await(WAIT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                    guard.set(true);
                    me.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            f.get();
        } catch (FutureFailure | CancellationException expectedOrGuard) {
            // judged below: a failed future is a fine answer when it is bound and ready
        } finally {
            back.countDown();
            inLoop.cancel();
            try {
                watchdog.join(WAIT.toMillis());
            } catch (InterruptedException ignored) {
                // the watchdog's own interrupt; cleared below
            }
            Thread.interrupted();
        }
        if (guard.get()) {
            throw new AssertionError(api + ": get() on the loop thread did not come back within " + WAIT + ": "
                    + (f.loop() == null ? "its future is bound to no loop, so get() blocks the loop thread instead"
                            + " of running the loop" : "the loop ran but the future never became ready"));
        }
        assertThat(f.isReady()).as(api + ": ready after get()").isTrue();
        assertThat(f.loop()).as(api + ": the future is bound to the loop").isSameAs(loop);
        return f;
    }

    private void feed(String text) throws Exception {
        toStream.writer().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------ Loop

    @Test
    void loop_laterFuture() {
        getOnLoopThread("Loop.laterFuture", loop.laterFuture());
    }

    @Test
    void loop_newFutureDoneByATimer() {
        Future<String> f = loop.newFuture();
        loop.watchTimeAfter(Duration.ofMillis(20), () -> f.done("x"));
        assertThat(getOnLoopThread("Loop.newFuture", f).get()).isEqualTo("x");
    }

    @Test
    void loop_delay() {
        assertThat(getOnLoopThread("Loop.delay", loop.delay(Duration.ofMillis(20))).isDone()).isTrue();
    }

    @Test
    void loop_timeout() {
        Future<Void> f = getOnLoopThread("Loop.timeout", loop.timeout(Duration.ofMillis(20)));
        assertThat(f.failure().category()).isEqualTo("timeout");
    }

    @Test
    void loop_resolveANameAndANumericAddress() {
        assertThat(getOnLoopThread("Loop.resolve(localhost)", loop.resolve("localhost")).get()).isNotEmpty();
        assertThat(getOnLoopThread("Loop.resolve(127.0.0.1)", loop.resolve("127.0.0.1")).get())
                .containsExactly(InetAddress.getLoopbackAddress());
    }

    @Test
    void loop_listenAndConnect() {
        List<Stream> accepted = new ArrayList<>();
        Listener l = getOnLoopThread("Loop.listen", loop.listen("127.0.0.1", 0, accepted::add)).get();
        int port = ((InetSocketAddress) l.localAddress()).getPort();
        Stream s = getOnLoopThread("Loop.connect", loop.connect("127.0.0.1", port)).get();
        streams.add(s);
        loop.add(s);
        runUntil(loop, () -> !accepted.isEmpty(), "the connection to be accepted");
        streams.addAll(accepted);
        loop.remove(l);
    }

    @Test
    void loop_connectRefused() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Future<Stream> f = getOnLoopThread("Loop.connect (refused)", loop.connect("127.0.0.1", port));
        assertThat(f.failure().category()).isEqualTo("connect");
    }

    @Test
    void loop_connectToABadServiceFailsOnTheLoop() {
        Future<Stream> f = getOnLoopThread("Loop.connect (bad service)", loop.connect("127.0.0.1", "no such port", null));
        assertThat(f.failure().category()).isEqualTo("resolve");
    }

    @Test
    void loop_listenOnABadServiceFailsOnTheLoop() {
        Future<Listener> f = getOnLoopThread("Loop.listen (bad service)",
                loop.listen("127.0.0.1", "no such port", null, 0));
        assertThat(f.failure().category()).isEqualTo("resolve");
    }

    @Test
    void connector_connectToNoAddressesFailsOnTheLoop() {
        Future<Stream> f = getOnLoopThread("Connector.connect (no addresses)",
                dev.ioasync.net.Connector.connect(loop, List.of(), null));
        assertThat(f.failure().category()).isEqualTo("connect");
    }

    @Test
    void tls_upgradeRefusalIsOnTheLoop() throws Exception {
        Future<Stream> f = getOnLoopThread("Tls.upgrade (not a socket)", dev.ioasync.stream.Tls.upgrade(stream,
                dev.ioasync.stream.TlsOptions.of(javax.net.ssl.SSLContext.getDefault()), true, "localhost"));
        assertThat(f.failure().category()).isEqualTo("tls");
    }

    @Test
    void loop_spawnChild() {
        assertThat(getOnLoopThread("Loop.spawnChild", loop.spawnChild(Command.shell("exit 3"))).get())
                .isEqualTo(ExitStatus.exited(3));
    }

    @Test
    void loop_spawnChildThatCannotStart() {
        Future<ExitStatus> f = getOnLoopThread("Loop.spawnChild (cannot start)",
                loop.spawnChild(Command.of(dir.resolve("nope").toString())));
        assertThat(f.failure().category()).isEqualTo("process");
    }

    @Test
    void loop_runProcess() {
        ChildResult r = getOnLoopThread("Loop.runProcess",
                loop.runProcess(Command.of("echo", "hi"), null, Duration.ofSeconds(30))).get();
        assertThat(r.stdoutText()).isEqualTo("hi\n");
    }

    @Test
    void loop_runChild() {
        List<ChildResult> got = new ArrayList<>();
        ChildResult r = getOnLoopThread("Loop.runChild", loop.runChild(Command.of("echo", "hi"), null, got::add)).get();
        assertThat(r.stdoutText()).isEqualTo("hi\n");
        assertThat(got).containsExactly(r);
        getOnLoopThread("Loop.runChild (no onFinish)", loop.runChild(Command.of("true"), null, null));
    }

    // ------------------------------------------------------------ Process

    @Test
    void process_exitFutureAndKill() {
        Process p = loop.openProcess(Command.of("sleep", "60"));
        getOnLoopThread("Process.kill(TERM)", p.kill("TERM"));
        assertThat(getOnLoopThread("Process.exitFuture", p.exitFuture()).get()).isEqualTo(ExitStatus.killed(15));
        Future<Void> late = getOnLoopThread("Process.kill (after the exit)", p.kill("TERM"));
        assertThat(late.failure().category()).isEqualTo("process");
        Process q = loop.openProcess(Command.of("sleep", "60"));
        getOnLoopThread("Process.kill(USR1)", q.kill("USR1"));
        getOnLoopThread("Process.exitFuture (USR1)", q.exitFuture());
    }

    @Test
    void processSignals_send() {
        Process p = loop.openProcess(Command.of("sleep", "60"));
        getOnLoopThread("ProcessSignals.send", ProcessSignals.send(loop, p.handle(), "INT"));
        assertThat(getOnLoopThread("Process.exitFuture", p.exitFuture()).get()).isEqualTo(ExitStatus.killed(2));
    }

    // ------------------------------------------------------------ Stream

    @Test
    void stream_readLineAndReadUntil() throws Exception {
        feed("one\ntwo;three.");
        assertThat(getOnLoopThread("Stream.readLine", stream.readLine()).get()).isEqualTo("one\n");
        assertThat(getOnLoopThread("Stream.readUntil(String)", stream.readUntil(";")).get()).isEqualTo("two;");
        assertThat(getOnLoopThread("Stream.readUntil(Pattern)", stream.readUntil(Pattern.compile("\\."))).get())
                .isEqualTo("three.");
    }

    @Test
    void stream_readExactlyAtMostAndUntilEof() throws Exception {
        feed("abcdefgh");
        assertThat(getOnLoopThread("Stream.readExactly", stream.readExactly(3)).get()).hasSize(3);
        assertThat(getOnLoopThread("Stream.readAtMost", stream.readAtMost(2)).get()).hasSizeLessThanOrEqualTo(2);
        Future<byte[]> rest = stream.readUntilEof();
        toStream.writer().close();
        getOnLoopThread("Stream.readUntilEof", rest);
    }

    @Test
    void stream_writesAndClosedFuture() throws Exception {
        getOnLoopThread("Stream.write(byte[])", stream.write(new byte[] {1, 2}));
        getOnLoopThread("Stream.write(String)", stream.write("text"));
        getOnLoopThread("Stream.write(String, onWrite, onFlush)", stream.write("text", n -> { }, () -> { }));
        getOnLoopThread("Stream.write(ByteBuffer)", stream.write(ByteBuffer.wrap(new byte[] {3})));
        int[] calls = {0};
        Supplier<Object> generator = () -> calls[0]++ == 0 ? "generated" : null;
        getOnLoopThread("Stream.write(Supplier)", stream.write(generator));
        Future<String> later = loop.newFuture();
        loop.later(() -> later.done("from a future"));
        getOnLoopThread("Stream.write(Future)", stream.write(later));
        Future<Void> closed = stream.closedFuture();
        loop.later(stream::close);
        getOnLoopThread("Stream.closedFuture", closed);
    }

    // ------------------------------------------------------------ asked before the notifier is in a loop

    /** A stream on the test's pipes that is in no loop yet; the fixture's stream leaves the loop. */
    private Stream streamNotYetAdded() {
        loop.remove(stream);
        Stream s = new Stream(toStream.reader(), fromStream.writer());
        streams.add(s);
        return s;
    }

    @Test
    void stream_readsAskedBeforeTheStreamIsInALoop() throws Exception {
        Stream s = streamNotYetAdded();
        Future<String> line = s.readLine();
        Future<String> untilString = s.readUntil(";");
        Future<String> untilPattern = s.readUntil(Pattern.compile("\\."));
        Future<byte[]> exactly = s.readExactly(3);
        Future<byte[]> atMost = s.readAtMost(2);
        Future<Integer> derived = s.readLine().then(v -> Future.doneFuture(v.length()));
        Future<byte[]> rest = s.readUntilEof();
        assertThat(line.loop()).as("before the add, bound to no loop yet").isNull();
        loop.add(s);
        feed("one\ntwo;three.abcdeLAST\nend");
        toStream.writer().close();
        assertThat(getOnLoopThread("Stream.readLine (asked before add)", line).get()).isEqualTo("one\n");
        assertThat(getOnLoopThread("Stream.readUntil(String) (asked before add)", untilString).get()).isEqualTo("two;");
        assertThat(getOnLoopThread("Stream.readUntil(Pattern) (asked before add)", untilPattern).get())
                .isEqualTo("three.");
        assertThat(getOnLoopThread("Stream.readExactly (asked before add)", exactly).get())
                .isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(getOnLoopThread("Stream.readAtMost (asked before add)", atMost).get())
                .isEqualTo("de".getBytes(StandardCharsets.UTF_8));
        assertThat(getOnLoopThread("Stream.readLine().then(..) (asked before add)", derived).get()).isEqualTo(5);
        assertThat(getOnLoopThread("Stream.readUntilEof (asked before add)", rest).get())
                .isEqualTo("end".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stream_writesAndClosedFutureAskedBeforeTheStreamIsInALoop() throws Exception {
        Stream s = streamNotYetAdded();
        List<Future<Void>> writes = new ArrayList<>();
        writes.add(s.write(new byte[] {'a'}));
        writes.add(s.write(new byte[] {'b'}, n -> { }, () -> { }));
        writes.add(s.write("c"));
        writes.add(s.write("d", n -> { }, () -> { }));
        writes.add(s.write(ByteBuffer.wrap(new byte[] {'e'})));
        int[] calls = {0};
        Supplier<Object> generator = () -> calls[0]++ == 0 ? "f" : null;
        writes.add(s.write(generator));
        Future<String> data = loop.newFuture();
        writes.add(s.write(data));
        Future<Void> closed = s.closedFuture();
        Future<Void> derived = s.write("h").then(v -> Future.<Void>doneFuture(null));
        assertThat(writes.get(0).loop()).as("before the add, bound to no loop yet").isNull();
        loop.add(s);
        loop.later(() -> data.done("g"));
        String[] names = {"write(byte[])", "write(byte[], onWrite, onFlush)", "write(String)",
            "write(String, onWrite, onFlush)", "write(ByteBuffer)", "write(Supplier)", "write(Future)"};
        for (int i = 0; i < writes.size(); i++) {
            getOnLoopThread("Stream." + names[i] + " (asked before add)", writes.get(i));
            assertThat(writes.get(i).isDone()).as(names[i]).isTrue();
        }
        getOnLoopThread("Stream.write(..).then(..) (asked before add)", derived);
        ByteBuffer got = ByteBuffer.allocate(16);
        runUntil(loop, () -> {
            try {
                fromStream.reader().read(got);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return got.position() >= 8;
        }, "the eight bytes written");
        assertThat(new String(got.array(), 0, got.position(), StandardCharsets.UTF_8)).isEqualTo("abcdefgh");
        loop.later(s::close);
        getOnLoopThread("Stream.closedFuture (asked before add)", closed);
    }

    @Test
    void stream_closeWhenEmptyAndTlsRefusalAskedBeforeTheStreamIsInALoop() throws Exception {
        Stream s = streamNotYetAdded();
        Future<Void> written = s.write("x");
        Future<Void> closed = s.closedFuture();
        s.closeWhenEmpty();
        Future<Stream> upgrade = dev.ioasync.stream.Tls.upgrade(s,
                dev.ioasync.stream.TlsOptions.of(javax.net.ssl.SSLContext.getDefault()), true, "localhost");
        loop.add(s);
        getOnLoopThread("Stream.write (then closeWhenEmpty, before add)", written);
        getOnLoopThread("Stream.closedFuture (closeWhenEmpty before add)", closed);
        assertThat(getOnLoopThread("Tls.upgrade (refused before add)", upgrade).failure().category()).isEqualTo("tls");
    }

    @Test
    void otherNotifiers_futuresAskedBeforeTheyAreInALoop() throws Exception {
        var d = loop.datagram(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        loop.remove(d);
        Future<Void> sent = d.send(new byte[] {1}, d.localAddress());
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        FileStream fs = new FileStream(file);
        Future<Void> fileWrite = fs.write("y");
        StreamProtocol p = new StreamProtocol();
        Future<Void> protocolWrite = p.write("x");
        loop.add(d);
        loop.add(fs);
        loop.add(p);
        try {
            getOnLoopThread("DatagramSocket.send (asked before add)", sent);
            assertThat(getOnLoopThread("FileStream.write (asked before add)", fileWrite).isFailed()).isTrue();
            assertThat(getOnLoopThread("StreamProtocol.write (asked before add)", protocolWrite).failure().category())
                    .isEqualTo("closed");
        } finally {
            loop.remove(d);
            d.close();
            loop.remove(fs);
            loop.remove(p);
        }
    }

    @Test
    void datagramSocket_send() {
        var d = loop.datagram(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            getOnLoopThread("DatagramSocket.send", d.send(new byte[] {1}, d.localAddress()));
        } finally {
            loop.remove(d);
            d.close();
        }
    }

    @Test
    void fileStream_writeRefusalIsOnTheLoop() throws Exception {
        Path f = Files.writeString(dir.resolve("f.txt"), "x");
        FileStream fs = new FileStream(f);
        loop.add(fs);
        try {
            Future<Void> w = getOnLoopThread("FileStream.write", fs.write("y"));
            assertThat(w.isFailed()).isTrue();
        } finally {
            loop.remove(fs);
        }
    }

    @Test
    void streamProtocol_writeWithoutATransportIsOnTheLoop() {
        StreamProtocol p = new StreamProtocol();
        loop.add(p);
        try {
            Future<Void> w = getOnLoopThread("StreamProtocol.write (no transport)", p.write("x"));
            assertThat(w.failure().category()).isEqualTo("closed");
        } finally {
            loop.remove(p);
        }
    }
}
