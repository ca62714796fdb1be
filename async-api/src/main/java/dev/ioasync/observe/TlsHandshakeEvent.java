package dev.ioasync.observe;

import dev.ioasync.Future;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JFR: a TLS handshake ended (IO::Async::SSL's {@code SSL_connect}/{@code SSL_listen}
 * handshake), with its duration, role, peer and outcome: {@code ok}, {@code failed} (the
 * engine's reason in {@link #reason}), {@code timed-out} (past the handshake deadline) or
 * {@code cancelled}. An instant event committed on the loop thread when the handshake ends; its
 * {@link #took} covers the handshake even when the recording started during it.
 */
@Name("dev.ioasync.TlsHandshake")
@Label("TLS Handshake")
@Category({"ioasync", "Stream"})
@Description("A TLS handshake ended: its duration and outcome")
@StackTrace(false)
public final class TlsHandshakeEvent extends Event {

    /** The loop's name. */
    @Label("Loop")
    public String loop;

    /** The peer, as the stream describes its socket. */
    @Label("Peer")
    public String peer;

    /** {@code client} or {@code server}. */
    @Label("Role")
    public String role;

    /** {@code ok}, {@code failed}, {@code timed-out} or {@code cancelled}. */
    @Label("Outcome")
    public String outcome;

    /** Why it failed; empty when it did not. */
    @Label("Reason")
    public String reason;

    /** How long the handshake took. */
    @Label("Took")
    @Timespan(Timespan.NANOSECONDS)
    public long took;

    /** Made by {@link #watch}. */
    public TlsHandshakeEvent() {
    }

    /**
     * Watches a handshake that starts now (the hook of the TLS code, on the loop thread): when
     * its future is ready, an event is committed if a recording takes it. Costs one clock read and
     * one callback per handshake.
     *
     * @param observer the loop's observer
     * @param handshake the handshake's future (observed by this watch; its users still see it)
     * @param peer the peer's description
     * @param client whether this side is the client
     */
    public static void watch(LoopObserver observer, Future<?> handshake, String peer, boolean client) {
        long start = System.nanoTime();
        handshake.onReady(f -> {
            TlsHandshakeEvent e = new TlsHandshakeEvent();
            if (!e.shouldCommit()) {
                return;
            }
            e.took = System.nanoTime() - start;
            e.loop = observer.name();
            e.peer = peer;
            e.role = client ? "client" : "server";
            if (f.isDone()) {
                e.outcome = "ok";
                e.reason = "";
            } else if (f.isCancelled()) {
                e.outcome = "cancelled";
                e.reason = "";
            } else {
                String why = String.valueOf(f.failure().getMessage());
                e.outcome = why.contains("timed out") ? "timed-out" : "failed";
                e.reason = why;
            }
            e.commit();
        });
    }
}
