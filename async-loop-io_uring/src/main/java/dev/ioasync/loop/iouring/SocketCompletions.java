package dev.ioasync.loop.iouring;

import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoHandle;
import java.io.IOException;

/**
 * What the two completion engines of one stream socket on one io_uring poller share
 * ({@link CompletionReads}, {@link CompletionWrites}): their own Netty registration, kept until
 * the socket is closed or the poller closes; detaching (no more requests, the one in flight
 * withdrawn); and a close on any thread, carried out on the loop thread. Loop thread only, except
 * {@link #closing()}.
 */
abstract class SocketCompletions implements IoUringIoHandle {

    /** The poller whose ring the requests go to. */
    final IoUringPoller poller;
    /** The socket. */
    final IoUringSocketHandle handle;
    /** This engine's Netty registration, set by {@link #register()}. */
    IoRegistration registration;
    /** No more requests: the socket is closed or the poller gone. */
    boolean detached;

    SocketCompletions(IoUringPoller poller, IoUringSocketHandle handle) {
        this.poller = poller;
        this.handle = handle;
    }

    /** Registers this engine with Netty. */
    final void register() throws IOException {
        registration = poller.registerCompletions(this);
    }

    final IoUringPoller poller() {
        return poller;
    }

    final boolean isDetached() {
        return detached;
    }

    /** The socket is being closed, maybe on another thread: {@link #socketClosed()} runs on the loop thread. */
    final void closing() {
        if (poller.isExecutorThread(Thread.currentThread())) {
            socketClosed();
        } else {
            poller.execute(this::socketClosed);
        }
    }

    /** The socket is closed (loop thread): withdraw what is in flight, make no more requests. */
    abstract void socketClosed();

    /** No more requests; the one in flight is withdrawn, and Netty's registration goes once it completed. */
    abstract void detach();

    /** Netty never closes the socket: its owner does. The poller's teardown withdraws what is in flight. */
    @Override
    public final void close() {
        detach();
    }
}
