package dev.ioasync.stream;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.SocketHandle;
import dev.ioasync.net.Resolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS for streams over the JDK's {@link SSLEngine} (IO::Async::SSL's {@code SSL_connect},
 * {@code SSL_listen} and {@code SSL_upgrade}). A handshake runs on the loop before the stream is
 * handed over; a failed handshake fails the future with category {@code tls} and the reason.
 * A handshake has a deadline ({@link TlsOptions#handshakeTimeout()}, 10 s by default): past it,
 * the future fails with category {@code tls} and the message {@code handshake timed out}, and the
 * socket (or, for an upgrade, the stream) is closed.
 * Clients verify the server's host name by default and send it for SNI.
 *
 * <p>{@code loop.connect} with {@link dev.ioasync.net.ConnectOptions#withTls(TlsOptions)} and
 * {@link dev.ioasync.net.Listener#tls(TlsOptions)} use this class; {@link #upgrade} turns an open
 * plain stream into a TLS one (STARTTLS).
 */
public final class Tls {

    private Tls() {
    }

    /**
     * Runs a client handshake on a connected socket and wraps it in a stream.
     *
     * @param loop the loop
     * @param raw the connected socket
     * @param options the TLS options
     * @param host the host connected to: the default server name
     * @return the TLS stream, not yet added to a loop
     */
    public static Future<Stream> client(Loop loop, SocketHandle raw, TlsOptions options, String host) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(options, "options");
        SSLEngine engine = engine(options, true, host, raw);
        return TlsHandshake.start(loop, raw, engine, new byte[0], describe(raw), options.handshakeTimeout())
                .transform(filter -> {
                    Stream s = new Stream(raw);
                    s.installTls(filter);
                    return s;
                });
    }

    /**
     * Runs a server handshake on an accepted socket and wraps it in a stream.
     *
     * @param loop the loop
     * @param raw the accepted socket
     * @param options the TLS options (the context holds the server's key)
     * @return the TLS stream, not yet added to a loop
     */
    public static Future<Stream> server(Loop loop, SocketHandle raw, TlsOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(options, "options");
        SSLEngine engine = engine(options, false, null, raw);
        return TlsHandshake.start(loop, raw, engine, new byte[0], describe(raw), options.handshakeTimeout())
                .transform(filter -> {
                    Stream s = new Stream(raw);
                    s.installTls(filter);
                    return s;
                });
    }

    /**
     * Turns an open plain stream into a TLS stream in place (STARTTLS): once what is queued has
     * been written, the handshake runs on the stream's socket, with bytes already buffered
     * counted as TLS; then the same stream object reads and writes through TLS, keeping its
     * handlers. If the handshake fails, the stream is closed.
     *
     * @param stream a stream on a socket, in a loop
     * @param options the TLS options
     * @param client whether this side is the TLS client
     * @param host the server's host name for a client (the default server name), else ignored
     * @return {@code stream} once it speaks TLS
     */
    public static Future<Stream> upgrade(Stream stream, TlsOptions options, boolean client, String host) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(options, "options");
        Loop loop = stream.loop();
        IoHandle h = stream.readHandle();
        if (loop == null || !(h instanceof SocketHandle raw) || stream.writeHandle() != h || stream.tlsSession() != null) {
            return stream.<Stream>futureOnItsLoop().fail("cannot upgrade " + stream + " to TLS: it must be a plain socket stream in a loop",
                    "tls");
        }
        Future<Stream> result = new Future<>(loop);
        stream.whenWritesFlushed(() -> {
            stream.suspendIo();
            byte[] early = stream.readBuffer().takeAll();
            SSLEngine engine = engine(options, client, host, raw);
            TlsHandshake.start(loop, raw, engine, early, describe(raw), options.handshakeTimeout()).onReady(f -> {
                if (f.isDone()) {
                    stream.installTls(f.get());
                    result.done(stream);
                } else {
                    stream.closeNow();
                    result.fail(f.failure().getMessage(), "tls", f.failure().details().toArray());
                }
            });
        });
        return result;
    }

    private static SSLEngine engine(TlsOptions options, boolean client, String host, SocketHandle raw) {
        String name = options.serverName() != null ? options.serverName() : host;
        int port = 0;
        try {
            SocketAddress remote = raw.remoteAddress();
            if (remote instanceof InetSocketAddress inet) {
                port = inet.getPort();
                if (name == null) {
                    name = inet.getHostString();
                }
            }
        } catch (IOException ignored) {
            // no peer address: the engine gets no peer hints
        }
        SSLEngine engine = client && name != null ? options.context().createSSLEngine(name, port)
                : options.context().createSSLEngine();
        engine.setUseClientMode(client);
        if (client) {
            SSLParameters p = engine.getSSLParameters();
            if (options.verifyHostname()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (name != null && !Resolver.isNumeric(name)) {
                p.setServerNames(List.of(new SNIHostName(name)));
            }
            engine.setSSLParameters(p);
        }
        return engine;
    }

    private static String describe(SocketHandle raw) {
        try {
            return String.valueOf(raw.remoteAddress());
        } catch (IOException e) {
            return raw.toString();
        }
    }
}
