package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ioasync.Future;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.ConnectOptions;
import dev.ioasync.net.Connector;
import dev.ioasync.net.DatagramSocket;
import dev.ioasync.net.Listener;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listener, connect, resolve and datagram sockets, over real loopback sockets (IPv4 and IPv6). */
public abstract class NetworkTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected NetworkTck() {
    }

    /**
     * Starts an echo server: each line read is written back.
     *
     * @param host where to listen
     * @return the listener
     */
    protected Listener echoServer(String host) {
        Future<Listener> f = loop.listen(host, 0, stream -> stream.onRead((s, buf, eof) -> {
            String line;
            while ((line = buf.takeLine(StandardCharsets.UTF_8)) != null) {
                s.write(line);
            }
            return ReadResult.WAIT;
        }));
        return awaitReady(f).get();
    }

    private String roundTrip(String host, int port, String line) {
        Stream client = awaitReady(loop.connect(host, port)).get();
        loop.add(client);
        client.write(line);
        String got = awaitReady(client.readLine()).get();
        client.closeNow();
        return got;
    }

    @Test
    void net_listenOnPortZeroExposesTheRealPortAndEchoesOverIpv4() {
        Listener server = echoServer("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(roundTrip("127.0.0.1", server.port(), "hello v4\n")).isEqualTo("hello v4\n");
        assertThat(server.acceptedCount()).isEqualTo(1);
    }

    @Test
    void net_echoesOverIpv6() throws Exception {
        assumeThat(ipv6Loopback()).as("IPv6 loopback ::1 is available").isTrue();
        Listener server = echoServer("::1");
        assertThat(((InetSocketAddress) server.localAddress()).getAddress()).isEqualTo(InetAddress.getByName("::1"));
        assertThat(roundTrip("::1", server.port(), "hello v6\n")).isEqualTo("hello v6\n");
    }

    private boolean ipv6Loopback() {
        try (var s = new java.net.ServerSocket()) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void net_listenOnAnExistingHandleIsSynchronous() throws Exception {
        ListenerHandle h = loop.handles().openListener(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Stream> accepted = new ArrayList<>();
        Listener l = loop.listen(h, accepted::add);
        assertThat(l.loop()).isSameAs(loop);
        assertThat(l.isWantingReadReady()).isTrue();
        Stream c = awaitReady(loop.connect("127.0.0.1", l.port())).get();
        runUntil(loop, () -> accepted.size() == 1, "the connection");
        assertThat(accepted.get(0).parent()).as("an unadopted stream becomes the listener's child").isSameAs(l);
        c.closeNow();
    }

    @Test
    void net_onAcceptGivesRawHandles() throws Exception {
        List<SocketHandle> raw = new ArrayList<>();
        Listener l = awaitReady(loop.listen("127.0.0.1", "0", h -> new Listener(h).onAccept(raw::add), 0)).get();
        Stream c = awaitReady(loop.connect("127.0.0.1", l.port())).get();
        runUntil(loop, () -> raw.size() == 1, "the raw connection");
        assertThat(raw.get(0).remoteAddress()).isEqualTo(c.readHandle() instanceof SocketHandle s ? s.localAddress() : null);
        raw.get(0).close();
        c.closeNow();
    }

    @Test
    void net_connectRefusedFailsWithCategoryConnectNamingTheAddress() throws Exception {
        int port = freePort();
        Future<Stream> f = awaitReady(loop.connect("127.0.0.1", port));
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure().category()).isEqualTo("connect");
        assertThat(f.failure().getMessage()).contains("127.0.0.1").contains(Integer.toString(port));
    }

    @Test
    void net_connectTriesEachAddressInOrder() throws Exception {
        Listener server = echoServer("127.0.0.1");
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", freePort());
        InetSocketAddress live = new InetSocketAddress("127.0.0.1", server.port());
        Future<Stream> f = awaitReady(Connector.connect(loop, List.of(dead, live), null));
        assertThat(f.isDone()).isTrue();
        f.get().closeNow();
        Future<Stream> none = awaitReady(Connector.connect(loop, List.of(dead, dead), null));
        assertThat(none.failure().category()).isEqualTo("connect");
        assertThat(none.failure().getMessage()).contains(dead.toString());
    }

    @Test
    void net_connectTimeoutFailsWithCategoryTimeout() throws Exception {
        // A listener that never accepts, with a backlog of 1: once its queue is full the kernel
        // drops further SYNs and a connect hangs until our timeout.
        ListenerHandle h = loop.handles().openListener(new InetSocketAddress("127.0.0.1", 0), 1);
        int port = ((InetSocketAddress) h.localAddress()).getPort();
        List<Stream> open = new ArrayList<>();
        Future<Stream> timedOut = null;
        for (int i = 0; i < 64 && timedOut == null; i++) {
            Future<Stream> f = awaitReady(loop.connect("127.0.0.1", Integer.toString(port),
                    ConnectOptions.DEFAULTS.withTimeout(Duration.ofMillis(300))));
            if (f.isDone()) {
                open.add(f.get());
            } else {
                timedOut = f;
            }
        }
        assertThat(timedOut).as("a connect to a full backlog timed out").isNotNull();
        assertThat(timedOut.failure().category()).isEqualTo("timeout");
        open.forEach(Stream::closeNow);
        h.close();
    }

    @Test
    void net_cancellingAConnectAbandonsIt() throws Exception {
        Listener server = echoServer("127.0.0.1");
        Future<Stream> f = loop.connect("localhost", server.port());
        f.cancel();
        loop.loopOnce(Duration.ofMillis(50));
        assertThat(f.isCancelled()).isTrue();
        assertThat(loop.watchedHandles()).isEqualTo(1); // only the listener
    }

    @Test
    void net_resolveAnswersNumericAddressesAtOnceAndNamesLater() {
        Future<List<InetAddress>> numeric = loop.resolve("127.0.0.1");
        assertThat(numeric.isDone()).isTrue();
        Future<List<InetAddress>> v6 = loop.resolve("::1");
        assertThat(v6.isDone()).isTrue();
        Future<List<InetAddress>> named = awaitReady(loop.resolve("localhost"));
        assertThat(named.get()).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        Future<List<InetAddress>> bad = awaitReady(loop.resolve("no-such-host.invalid"));
        assertThat(bad.failure().category()).isEqualTo("resolve");
        assertThat(bad.failure().getMessage()).contains("no-such-host.invalid");
    }

    @Test
    void net_connectToAnUnknownServiceOrHostFailsWithCategoryResolve() {
        Future<Stream> badService = loop.connect("127.0.0.1", "no-such-service", null);
        assertThat(badService.failure().category()).isEqualTo("resolve");
        assertThat(badService.failure().getMessage()).contains("no-such-service");
        Future<Stream> badHost = awaitReady(loop.connect("no-such-host.invalid", 80));
        assertThat(badHost.failure().category()).isEqualTo("resolve");
    }

    @Test
    void net_listenOnAPortInUseFailsWithCategoryListen() {
        Listener first = echoServer("127.0.0.1");
        // SO_REUSEADDR does not allow two listeners on one port
        Future<Listener> second = awaitReady(loop.listen("127.0.0.1", first.port(), s -> { }));
        assertThat(second.failure().category()).isEqualTo("listen");
        assertThat(second.failure().getMessage()).contains(Integer.toString(first.port()));
    }

    @Test
    void net_datagramsGoBothWaysOverIpv4AndIpv6() throws Exception {
        datagramRoundTrip("127.0.0.1");
        if (ipv6Loopback()) {
            datagramRoundTrip("::1");
        }
    }

    private void datagramRoundTrip(String host) {
        record Got(String text, SocketAddress from) {
        }
        List<Got> atServer = new ArrayList<>();
        List<Got> atClient = new ArrayList<>();
        DatagramSocket server = loop.datagram(new InetSocketAddress(host, 0));
        server.onRecv((bytes, from) -> {
            atServer.add(new Got(new String(bytes, StandardCharsets.UTF_8), from));
            server.send(("re: " + new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), from);
        });
        DatagramSocket client = loop.datagram(new InetSocketAddress(host, 0));
        client.onRecv((bytes, from) -> atClient.add(new Got(new String(bytes, StandardCharsets.UTF_8), from)));
        Future<Void> sent = client.send("ping".getBytes(StandardCharsets.UTF_8), server.localAddress());
        runUntil(loop, () -> atClient.size() == 1, "the datagram reply over " + host);
        assertThat(sent.isDone()).isTrue();
        assertThat(atServer.get(0).text()).isEqualTo("ping");
        assertThat(atServer.get(0).from()).isEqualTo(client.localAddress());
        assertThat(atClient.get(0)).isEqualTo(new Got("re: ping", server.localAddress()));
        server.close();
        client.close();
    }

    @Test
    void net_halfCloseLetsThePeerAnswerAfterEof() {
        List<String> serverSaw = new ArrayList<>();
        Listener l = awaitReady(loop.listen("127.0.0.1", 0, stream -> {
            stream.closeOnReadEof(false);
            stream.onRead((s, buf, eof) -> {
                if (eof) {
                    serverSaw.add(buf.takeString(buf.size(), StandardCharsets.UTF_8));
                    s.write("got " + serverSaw.get(0).length() + " bytes\n");
                    s.closeWhenEmpty();
                }
                return ReadResult.WAIT;
            });
        })).get();
        Stream c = awaitReady(loop.connect("127.0.0.1", l.port())).get();
        loop.add(c);
        c.write("request body");
        c.shutdownWriteWhenEmpty();
        Future<byte[]> reply = c.readUntilEof();
        assertThat(new String(awaitReady(reply).get(), StandardCharsets.UTF_8)).isEqualTo("got 12 bytes\n");
        assertThat(serverSaw).containsExactly("request body");
    }

    @Test
    void net_aPeerResetFailsPendingWritesAndTheLoopGoesOn() throws Exception {
        List<Stream> accepted = new ArrayList<>();
        Listener l = awaitReady(loop.listen("127.0.0.1", 0, accepted::add)).get();
        Stream c = awaitReady(loop.connect("127.0.0.1", l.port())).get();
        loop.add(c.onRead((s, b, e) -> ReadResult.WAIT));
        runUntil(loop, () -> accepted.size() == 1, "the server side");
        SocketHandle serverSide = (SocketHandle) accepted.get(0).readHandle();
        serverSide.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
        accepted.get(0).closeNow(); // RST
        List<Future<Void>> writes = new ArrayList<>();
        byte[] chunk = new byte[64 * 1024];
        runUntil(loop, () -> {
            writes.add(c.write(chunk));
            return c.isClosed();
        }, "the client to notice the reset");
        assertThat(writes).anyMatch(Future::isFailed);
        assertThat(writes.stream().filter(Future::isFailed).map(f -> f.failure().category()).distinct())
                .isSubsetOf("write", "closed");
    }

    /**
     * Finds a port nothing listens on (it was free a moment ago).
     *
     * @return the port
     * @throws IOException when no socket can be opened
     */
    protected static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
