package dev.ioasync.net;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.FutureFailure;
import dev.ioasync.stream.Stream;
import dev.ioasync.stream.Tls;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One {@code connect}: resolves the host, then tries each address in order until one accepts
 * (IO::Async::Internals::Connector). Fails with category {@code resolve}, {@code connect} (naming
 * the last address tried and why) or {@code timeout}. Cancelling the future abandons the attempt
 * and closes its socket.
 */
public final class Connector {

    private final Loop loop;
    private final String host;
    private final int port;
    private final ConnectOptions options;
    private final Future<Stream> result;
    private List<InetSocketAddress> targets;
    private int next;
    private SocketHandle attempt;
    private Cancellable timer;
    private String lastError = "no addresses";

    private Connector(Loop loop, String host, int port, ConnectOptions options) {
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.options = options == null ? ConnectOptions.DEFAULTS : options;
        this.result = new Future<>(loop);
    }

    /**
     * Starts connecting.
     *
     * @param loop the loop
     * @param host the host name or numeric address
     * @param service the port or service name
     * @param options the options, or {@code null}
     * @return a future of the connected stream (not yet added to any loop)
     */
    public static Future<Stream> connect(Loop loop, String host, String service, ConnectOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        int port;
        try {
            port = Resolver.port(service);
        } catch (IllegalArgumentException e) {
            return new Future<Stream>(loop).fail("cannot connect to " + host + ":" + service + ": " + e.getMessage(), "resolve",
                    service);
        }
        Connector c = new Connector(loop, host, port, options);
        c.start();
        return c.result;
    }

    /**
     * Connects to the first of {@code addresses} that accepts, trying them in order (IO::Async's
     * {@code connect} with {@code addrs}).
     *
     * @param loop the loop
     * @param addresses the addresses, tried in order
     * @param options the options, or {@code null}
     * @return a future of the connected stream (not yet added to any loop)
     */
    public static Future<Stream> connect(Loop loop, List<InetSocketAddress> addresses, ConnectOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.isEmpty()) {
            return new Future<Stream>(loop).fail("cannot connect: no addresses given", "connect");
        }
        InetSocketAddress first = addresses.get(0);
        Connector c = new Connector(loop, first.getHostString(), first.getPort(), options);
        c.targets = List.copyOf(addresses);
        c.begin();
        c.tryNext();
        return c.result;
    }

    private void begin() {
        Duration limit = options.timeout();
        if (limit != null && !limit.isZero()) {
            String how = limit.equals(ConnectOptions.DEFAULT_TIMEOUT) ? " (the default; ConnectOptions.withTimeout(d)"
                    + " changes it, Duration.ZERO turns it off)" : "";
            timer = loop.watchTimeAfter(limit, () -> {
                if (!result.isReady()) {
                    abandon();
                    result.fail("connect to " + host + ":" + port + " timed out after " + limit + how, "timeout",
                            host, port);
                }
            });
        }
        result.onCancel(this::abandon);
    }

    private void start() {
        begin();
        new Resolver(loop).resolve(host).onReady(r -> {
            if (result.isReady()) {
                return;
            }
            if (!r.isDone()) {
                finish(r.failure().getMessage(), "resolve");
                return;
            }
            targets = r.get().stream().filter(this::wanted).map(a -> new InetSocketAddress(a, port)).toList();
            if (targets.isEmpty()) {
                finish("cannot connect to " + host + ":" + port + ": no address of family " + options.family(), "resolve");
                return;
            }
            tryNext();
        });
    }

    private boolean wanted(InetAddress a) {
        StandardProtocolFamily f = options.family();
        return f == null || (f == StandardProtocolFamily.INET6) == (a instanceof Inet6Address);
    }

    private void tryNext() {
        while (next < targets.size() && !result.isReady()) {
            InetSocketAddress target = targets.get(next++);
            InetAddress a = target.getAddress();
            SocketHandle s = null;
            try {
                s = loop.handles().openSocket(a instanceof Inet6Address ? StandardProtocolFamily.INET6
                        : StandardProtocolFamily.INET);
                if (options.tcpNoDelay()) {
                    s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                if (s.connect(target)) {
                    succeed(s);
                    return;
                }
                attempt = s;
                SocketHandle pending = s;
                loop.watchIo(s, null, () -> connectReady(pending, target));
                return;
            } catch (IOException | RuntimeException e) {
                lastError = target + " failed: " + e.getMessage();
                closeQuietly(s);
            }
        }
        if (!result.isReady()) {
            finish("cannot connect to " + host + ":" + port + " - " + lastError, "connect");
        }
    }

    private void connectReady(SocketHandle s, InetSocketAddress target) {
        loop.unwatchIo(s);
        attempt = null;
        try {
            if (s.finishConnect()) {
                succeed(s);
                return;
            }
            lastError = target + " failed: connect did not complete";
        } catch (IOException e) {
            lastError = target + " failed: " + e.getMessage();
        }
        closeQuietly(s);
        tryNext();
    }

    private void succeed(SocketHandle s) {
        if (options.tls() == null) {
            cancelTimer(); // with TLS the timeout also covers the handshake
        }
        if (result.isReady()) {
            closeQuietly(s);
            return;
        }
        if (options.tls() == null) {
            result.done(new Stream(s));
            return;
        }
        Future<Stream> tls = Tls.client(loop, s, options.tls(), host);
        result.onCancel(tls::cancel);
        tls.onReady(t -> {
            cancelTimer();
            if (t.isDone() && !result.isReady()) {
                result.done(t.get());
            } else if (!t.isDone()) {
                closeQuietly(s);
                if (!result.isReady()) {
                    FutureFailure why = t.isCancelled() ? new FutureFailure("TLS handshake cancelled", "tls") : t.failure();
                    result.fail(why.getMessage(), "tls", host, port, why);
                }
            } else {
                t.get().closeNow();
            }
        });
    }

    private void finish(String message, String category) {
        cancelTimer();
        if (!result.isReady()) {
            result.fail(message, category, host, port);
        }
    }

    private void abandon() {
        cancelTimer();
        if (attempt != null) {
            loop.unwatchIo(attempt);
            closeQuietly(attempt);
            attempt = null;
        }
        next = targets == null ? 0 : targets.size();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private static void closeQuietly(SocketHandle s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }
}
