package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many connections at once, and running out of file descriptors while accepting. */
public abstract class ConnectionLoadTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ConnectionLoadTck() {
    }

    private static final int CONNECTIONS = 1000;
    private static final int BYTES_EACH = 1 << 20;
    private static final int CHUNK = 16 * 1024;

    /** The byte at {@code offset} of connection {@code id}'s data: checkable without storing it. */
    private static byte expected(int id, long offset) {
        return (byte) ((offset * 31 + id * 7 + (offset >>> 10)) & 0xff);
    }

    /** A client: writes its 1 MiB in chunks from a generator, checks every echoed byte. */
    private static final class Client {
        final int id;
        long sent;
        long received;
        long mismatches;
        boolean done;

        Client(int id) {
            this.id = id;
        }

        Object nextChunk() {
            if (sent >= BYTES_EACH) {
                return null;
            }
            int n = (int) Math.min(CHUNK, BYTES_EACH - sent);
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = expected(id, sent + i);
            }
            sent += n;
            return b;
        }
    }

    @Test
    void load_1000ConnectionsEchoing1MiBEachWithEveryByteChecked() {
        Listener server = awaitReady(loop.listen("127.0.0.1", 0, stream -> stream.onRead((s, buf, eof) -> {
            if (!buf.isEmpty()) {
                s.write(buf.takeAll());
            }
            if (eof) {
                s.closeWhenEmpty();
            }
            return ReadResult.WAIT;
        }))).get();
        List<Client> clients = new ArrayList<>();
        int[] finished = {0};
        for (int i = 0; i < CONNECTIONS; i++) {
            Client c = new Client(i);
            clients.add(c);
            loop.connect("127.0.0.1", server.port()).onDone(stream -> {
                stream.onRead((s, buf, eof) -> {
                    byte[] got = buf.takeAll();
                    for (byte b : got) {
                        if (b != expected(c.id, c.received++)) {
                            c.mismatches++;
                        }
                    }
                    if (c.received == BYTES_EACH && !c.done) {
                        c.done = true;
                        finished[0]++;
                        s.closeNow();
                    }
                    return ReadResult.WAIT;
                });
                loop.add(stream);
                stream.write(c::nextChunk);
            }).onFail(f -> {
                throw new AssertionError("client " + c.id + " could not connect: " + f.getMessage());
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (finished[0] < CONNECTIONS && System.nanoTime() < deadline) {
            loop.loopOnce(Duration.ofMillis(100));
        }
        assertThat(finished[0]).as("connections that echoed all their bytes").isEqualTo(CONNECTIONS);
        assertThat(clients).allSatisfy(c -> {
            assertThat(c.received).isEqualTo(BYTES_EACH);
            assertThat(c.mismatches).isZero();
        });
        assertThat(server.acceptedCount()).isEqualTo(CONNECTIONS);
    }

    @Test
    void load_runningOutOfFileDescriptorsPausesAcceptingThenServingGoesOn() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/prlimit")))
                .as("prlimit (util-linux) is needed to lower this process's file limit").isTrue();
        long pid = ProcessHandle.current().pid();
        String saved = prlimit(pid, null).strip();
        List<Stream> accepted = new ArrayList<>();
        // no handler yet, so nothing is accepted: the connections wait in the kernel's backlog
        Listener server = new Listener(loop.handles().openListener(new java.net.InetSocketAddress("127.0.0.1", 0), 64));
        loop.add(server);
        server.acceptPause(Duration.ofMillis(50));
        List<Stream> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(awaitReady(loop.connect("127.0.0.1", server.port())).get());
        }
        // The restore is armed before the limit drops: with no descriptors left this process
        // could not start a program, so a waiting shell does it when told through its stdin.
        Process restorer = new ProcessBuilder("/bin/sh", "-c",
                "read go; exec /usr/bin/prlimit --pid " + pid + " --nofile=" + saved.replaceAll("\\s+", ":"))
                .redirectErrorStream(true).start();
        // The logging system opens files when it first logs (its handlers, the time-zone data): make
        // it do so now, while descriptors are left, so that the listener's EMFILE warning can be
        // logged whichever test of this JVM ran first.
        System.getLogger(ConnectionLoadTck.class.getName()).log(System.Logger.Level.INFO,
                "lowering the file limit of this process to provoke EMFILE on accept");
        // The limit caps descriptor numbers, not their count: fill the free numbers below the
        // highest open one (left by earlier tests of this JVM), or accepts would take those first.
        List<java.nio.channels.FileChannel> fillers = fillDescriptorHoles();
        try {
            long open = openFileDescriptors();
            prlimit(pid, (open + 3) + ":" + saved.split("\\s+")[1]); // room for about three accepts
            server.onStream(accepted::add);
            runUntil(loop, () -> server.pauseCount() > 0, "accept to run out of file descriptors");
            assertThat(accepted.size()).isLessThan(20);
        } finally {
            restorer.getOutputStream().write('\n');
            restorer.getOutputStream().flush();
            assertThat(restorer.waitFor(30, TimeUnit.SECONDS)).as("the limit was restored").isTrue();
            assertThat(restorer.exitValue()).isZero();
            for (java.nio.channels.FileChannel filler : fillers) {
                filler.close();
            }
        }
        runUntil(loop, () -> accepted.size() == 20, "the listener to serve the rest after its pause");
        assertThat(server.isClosed()).isFalse();
        clients.forEach(Stream::closeNow);
    }

    /** Opens {@code /dev/null} until every descriptor number up to the highest open one is taken. */
    private static List<java.nio.channels.FileChannel> fillDescriptorHoles() throws IOException {
        List<java.nio.channels.FileChannel> fillers = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            long highest;
            long count;
            try (var s = Files.list(Path.of("/proc/self/fd"))) {
                List<Long> numbers = s.map(p -> Long.parseLong(p.getFileName().toString())).toList();
                highest = numbers.stream().mapToLong(Long::longValue).max().orElse(0);
                count = numbers.size();
            }
            long holes = highest + 1 - count;
            if (holes <= 0) {
                break;
            }
            for (long i = 0; i < holes; i++) {
                fillers.add(java.nio.channels.FileChannel.open(Path.of("/dev/null")));
            }
        }
        return fillers;
    }

    private static long openFileDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Reads ({@code limits == null}) or sets the soft:hard NOFILE limit of {@code pid}. */
    private static String prlimit(long pid, String limits) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/prlimit", "--pid", Long.toString(pid)));
        cmd.add(limits == null ? "--nofile" : "--nofile=" + limits);
        if (limits == null) {
            cmd.addAll(List.of("--output=SOFT,HARD", "--noheadings"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("prlimit " + cmd + " failed: " + out);
        }
        return out;
    }
}
