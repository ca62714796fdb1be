package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
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
        ServerCommand make(PrintStream out, PrintStream err, Consumer<Loop> onListening);
    }

    /** A server running on its own thread. */
    private static final class Running implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<Loop> listening = new CompletableFuture<>();
        final CompletableFuture<Integer> status = new CompletableFuture<>();
        final Thread thread;
        final int port;

        Running(Factory factory) throws Exception {
            PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
            thread = new Thread(() -> {
                try {
                    status.complete(factory.make(ps, ps, listening::complete).run(List.of("--port", "0")));
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
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = new EchoServerCommand(new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8), l -> { })
                    .run(List.of("--port", Integer.toString(taken.getLocalPort())));
            assertThat(status).isEqualTo(Main.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("echo-server")
                    .contains("port " + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void badServerOptionsAreUsageErrors() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream());
        assertThat(new EchoServerCommand(o, e, l -> { }).run(List.of())).isEqualTo(Main.USAGE);
        assertThat(new ChatServerCommand(o, e, l -> { }).run(List.of("--port", "http"))).isEqualTo(Main.USAGE);
        assertThat(new ChatServerCommand(o, e, l -> { }).run(List.of("--port", "1", "--frob"))).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port N is required").contains("not 'http'")
                .contains("unknown option '--frob'");
    }
}
