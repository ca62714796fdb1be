package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ioasync.Loop;
import dev.ioasync.process.ProcessSignals;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The echo and chat servers, with real sockets as clients. */
class ServerCommandsTest {

    private interface Factory {
        ServerCommand make(CommandIo io, Consumer<Loop> onListening);
    }

    /** A server running on its own thread. */
    private static final class Running implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<Loop> listening = new CompletableFuture<>();
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final Thread thread;
        final int port;

        Running(Factory factory, String... extra) throws Exception {
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            thread = new Thread(() -> {
                try {
                    CommandIo io = new CommandIo(null, ps, ps);
                    ServerCommand command = factory.make(io, listening::complete);
                    List<String> args = new java.util.ArrayList<>(List.of(command.name(), "--port", "0"));
                    args.addAll(List.of(extra));
                    status.complete(Main.commandLine(io, command).execute(args.toArray(String[]::new)));
                } catch (Throwable t) {
                    status.completeExceptionally(t);
                    listening.completeExceptionally(t);
                }
            }, "server");
            thread.start();
            listening.get(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(m.find()).as("the server says where it listens").isTrue();
            port = Integer.parseInt(m.group(1));
        }

        @Override
        public void close() throws java.io.IOException {
            try {
                listening.get().stop();
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(Main.OK);
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while stopping the server");
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new java.io.IOException("the server did not stop cleanly", e);
            }
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(30_000);
        return s;
    }

    private static BufferedReader reader(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static PrintWriter writer(Socket s) throws Exception {
        return new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void echoServerWritesBackWhatItReads() throws Exception {
        try (Running server = new Running(EchoServerCommand::new); Socket c = connect(server.port)) {
            writer(c).println("hello echo");
            assertThat(reader(c).readLine()).isEqualTo("hello echo");
        }
    }

    @Test
    void echoServerOnTwoLoopsServesClientsOnBothAndPrintsStats() throws Exception {
        try (Running server = new Running(EchoServerCommand::new, "--loops", "2", "--stats", "50ms")) {
            assertThat(server.out.toString(StandardCharsets.UTF_8)).contains("(2 loops, backend ");
            for (int i = 0; i < 4; i++) {
                try (Socket c = connect(server.port)) {
                    writer(c).println("hello " + i);
                    assertThat(reader(c).readLine()).isEqualTo("hello " + i);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!server.out.toString(StandardCharsets.UTF_8).contains("stats: 4 connections accepted")) {
                assertThat(System.nanoTime() - deadline).as("a stats line counting 4 connections").isNegative();
                Thread.sleep(5); // polling the captured output, bounded by the deadline
            }
            assertThat(server.out.toString(StandardCharsets.UTF_8)).containsPattern(
                    "stats: 4 connections accepted, \\d+ callbacks/s, busy \\d+% \\d+%, timers late p99 [0-9.]+ ms");
        }
    }

    /** The loop thread the server said {@code who} connected on. */
    private static String loopOf(Running server, String who) {
        Matcher m = Pattern.compile(Pattern.quote(who) + " connected on (\\S+)").matcher(server.out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("the server says which loop " + who + " is on").isTrue();
        return m.group(1);
    }

    @Test
    void chatServerOnTwoLoopsCarriesLinesBetweenClientsOfDifferentLoops() throws Exception {
        try (Running server = new Running(ChatServerCommand::new, "--loops", "2"); Socket a = connect(server.port)) {
            assertThat(server.out.toString(StandardCharsets.UTF_8)).contains("(2 loops, backend ");
            BufferedReader ra = reader(a);
            assertThat(ra.readLine()).isEqualTo("* welcome, you are user1; 0 other(s) here");
            String loopA = loopOf(server, "user1");
            // the kernel (SO_REUSEPORT) or the round robin picks the loop: connect until one lands on the other loop
            Socket b = null;
            String who = null;
            for (int i = 2; i <= 64 && b == null; i++) {
                Socket candidate = connect(server.port);
                BufferedReader rc = reader(candidate);
                assertThat(rc.readLine()).isEqualTo("* welcome, you are user" + i + "; 1 other(s) here");
                assertThat(ra.readLine()).isEqualTo("* user" + i + " joined");
                if (!loopOf(server, "user" + i).equals(loopA)) {
                    b = candidate;
                    who = "user" + i;
                } else {
                    candidate.close();
                    assertThat(ra.readLine()).isEqualTo("* user" + i + " left");
                }
            }
            assertThat(b).as("a client on the loop other than " + loopA).isNotNull();
            try (Socket onB = b) {
                BufferedReader rb = reader(onB);
                writer(onB).println("hi from the other loop");
                assertThat(ra.readLine()).isEqualTo(who + ": hi from the other loop");
                for (int i = 0; i < 20; i++) {
                    writer(a).println("line " + i);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(rb.readLine()).as("lines cross the loops in order").isEqualTo("user1: line " + i);
                }
            }
            assertThat(ra.readLine()).isEqualTo("* " + who + " left");
        }
    }

    @Test
    void badStatsIntervalsAreUsageErrors() {
        assertThat(Captured.main("echo-server", "--port", "0", "--stats", "0s").status).isEqualTo(Main.USAGE);
        assertThat(Captured.main("echo-server", "--port", "0", "--stats", "soon").status).isEqualTo(Main.USAGE);
        assertThat(Captured.main("echo-server", "--port", "0", "--loops", "-1").status).isEqualTo(Main.USAGE);
    }

    @Test
    void chatServerSendsEachLineToTheOthers() throws Exception {
        try (Running server = new Running(ChatServerCommand::new); Socket a = connect(server.port)) {
            BufferedReader ra = reader(a);
            assertThat(ra.readLine()).startsWith("* welcome, you are user1");
            try (Socket b = connect(server.port)) {
                BufferedReader rb = reader(b);
                assertThat(rb.readLine()).startsWith("* welcome, you are user2; 1 other(s) here");
                assertThat(ra.readLine()).isEqualTo("* user2 joined");
                writer(b).println("hi from b");
                assertThat(ra.readLine()).isEqualTo("user2: hi from b");
                writer(a).println("hi from a");
                assertThat(rb.readLine()).isEqualTo("user1: hi from a");
            }
            assertThat(ra.readLine()).isEqualTo("* user2 left");
        }
    }

    @Test
    void aPortInUseIsAClearErrorWithStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Captured c = Captured.main("echo-server", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(c.status).isEqualTo(Main.FAILED);
            assertThat(c.err()).startsWith("ioasync echo-server: ").contains("port " + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void ctrlCStopsAServerWithStatus130() throws Exception {
        assumeTrue(Sigint.handled(), Sigint.IGNORED);
        for (String server : List.of("echo-server", "chat-server")) {
            Captured c = new Captured();
            Consumer<Loop> interrupt = loop -> ProcessSignals.send(loop, ProcessHandle.current(), "INT");
            Object command = server.equals("echo-server") ? new EchoServerCommand(c.io(), interrupt)
                    : new ChatServerCommand(c.io(), interrupt);
            c.execute(command, server, "--port", "0");
            assertThat(c.status).as(server).isEqualTo(Main.INTERRUPTED);
            assertThat(c.out()).startsWith(server + " listening on 127.0.0.1:");
        }
    }

    @Test
    void badServerOptionsAreUsageErrors() {
        MainTest.assertUsageError(Captured.main("echo-server"), "ioasync echo-server: Missing required option: '--port=N'",
                "ioasync help echo-server");
        Captured http = Captured.main("chat-server", "--port", "http");
        MainTest.assertUsageError(http, "ioasync chat-server: ", "ioasync help chat-server");
        assertThat(http.errLines().get(0)).contains("'http'");
        MainTest.assertUsageError(Captured.main("chat-server", "--port", "1", "--frob"),
                "ioasync chat-server: Unknown option: '--frob'", "ioasync help chat-server");
        MainTest.assertUsageError(Captured.main("echo-server", "--port", "65536"),
                "ioasync echo-server: --port takes a number from 0 to 65535, not 65536", "ioasync help echo-server");
        MainTest.assertUsageError(Captured.main("echo-server", "--port", "-1"),
                "ioasync echo-server: --port takes a number from 0 to 65535, not -1", "ioasync help echo-server");
    }
}
