package dev.ioasync.protocol;

import dev.ioasync.Future;
import dev.ioasync.Notifier;
import dev.ioasync.stream.Handle;

/**
 * A protocol that owns a transport (IO::Async::Protocol): the transport is a {@link Handle}
 * child of the protocol, and can be replaced by another while the protocol lives on (a reconnect,
 * a TLS upgrade). When the current transport closes, {@code on_closed} runs.
 *
 * @param <T> the kind of transport
 */
public class Protocol<T extends Handle> extends Notifier {

    private T transport;
    private Runnable onClosed;

    /** Creates a protocol with no transport yet. */
    public Protocol() {
    }

    /** {@return the current transport, or {@code null}} */
    public final T transport() {
        return transport;
    }

    /**
     * Sets the transport, replacing (and releasing, not closing) the previous one.
     *
     * @param next the new transport, or {@code null} to release the current one
     * @return this
     */
    public Protocol<T> transport(T next) {
        T previous = transport;
        if (previous == next) {
            return this;
        }
        transport = null;
        if (previous != null) {
            detach(previous);
            if (previous.parent() == this) {
                removeChild(previous);
            }
        }
        transport = next;
        if (next != null) {
            attach(next); // first: a stream needs its on_read before it may join a loop
            if (next.parent() != this) {
                addChild(next);
            }
            Future<Void> closed = next.closedFuture();
            closed.onReady(f -> {
                if (transport == next) {
                    transport = null;
                    transportClosed();
                }
            });
        }
        return this;
    }

    /**
     * Sets what runs when the current transport closes.
     *
     * @param code the callback
     * @return this
     */
    public Protocol<T> onClosed(Runnable code) {
        this.onClosed = code;
        return this;
    }

    /** Closes the current transport, if any. */
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }

    /**
     * Hooks a new transport up to this protocol (subclasses set its event handlers).
     *
     * @param t the transport
     */
    protected void attach(T t) {
    }

    /**
     * Unhooks a transport this protocol is letting go of.
     *
     * @param t the transport
     */
    protected void detach(T t) {
    }

    /** Called when the current transport closed; runs {@code on_closed}. */
    protected void transportClosed() {
        if (onClosed != null) {
            invokeEvent("on_closed", onClosed);
        }
    }
}
