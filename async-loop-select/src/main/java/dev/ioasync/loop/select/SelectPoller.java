package dev.ioasync.loop.select;

import dev.ioasync.io.DatagramHandle;
import dev.ioasync.io.IoHandle;
import dev.ioasync.io.ListenerHandle;
import dev.ioasync.io.SocketHandle;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import dev.ioasync.io.PipePair;
import dev.ioasync.spi.IoHandleFactory;
import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import dev.ioasync.spi.Poller;
import dev.ioasync.spi.ReadySink;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * The {@code select} backend's poller: one {@link Selector}. A handle closed while watched has
 * its key cancelled by the JDK and simply stops being reported; nothing escapes from a cancelled
 * key.
 */
final class SelectPoller implements Poller, IoHandleFactory {

    /** Whether listeners can share a port with the load spread: Linux, and the JDK has the option. */
    private static final boolean REUSE_PORT = reusePortSpreads();


    private final Selector selector;

    SelectPoller() throws IOException {
        this.selector = Selector.open();
    }

    @Override
    public PollRegistration register(IoHandle handle, int interestOps, Object attachment) throws IOException {
        IoOps.check(interestOps);
        if (!(handle instanceof SelectIoHandle h)) {
            throw new IllegalArgumentException("cannot watch " + handle + " on the select backend: it was made by the '"
                    + handle.backend() + "' backend");
        }
        try {
            SelectionKey key = h.channel().register(selector, SelectRegistration.toSelectOps(h.channel(), interestOps), attachment);
            return new SelectRegistration(key, interestOps);
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException("cannot watch " + handle + ": it is closed", e);
        } catch (CancelledKeyException e) {
            // The handle was unwatched earlier in this iteration and the selector has not yet
            // flushed the cancelled key: flush it, then register again.
            selector.selectNow();
            selector.selectedKeys().clear();
            SelectionKey key = h.channel().register(selector, SelectRegistration.toSelectOps(h.channel(), interestOps), attachment);
            return new SelectRegistration(key, interestOps);
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadySink sink) throws IOException {
        java.util.function.Consumer<SelectionKey> action = key -> {
            try {
                int ops = SelectRegistration.fromSelectOps(key.readyOps());
                if (ops != 0) {
                    sink.ready(key.attachment(), ops);
                }
            } catch (CancelledKeyException closedMeanwhile) {
                // the handle was closed after the selector saw it ready: drop it
            }
        };
        if (timeoutNanos == 0) {
            return selector.selectNow(action);
        }
        if (timeoutNanos < 0) {
            return selector.select(action);
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
        return selector.select(action, millis);
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public IoHandleFactory handles() {
        return this;
    }

    @Override
    public PipePair pipe() throws IOException {
        Pipe p = Pipe.open();
        try {
            return new PipePair(new SelectIoHandle(p.source(), "pipe-reader"), new SelectIoHandle(p.sink(), "pipe-writer"));
        } catch (IOException e) {
            p.source().close();
            p.sink().close();
            throw e;
        }
    }

    @Override
    public SocketHandle openSocket(ProtocolFamily family) throws IOException {
        SocketChannel c = SocketChannel.open(family);
        try {
            return new SelectSocketHandle(c, "socket");
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public ListenerHandle openListener(SocketAddress local, int backlog) throws IOException {
        return openListener(local, backlog, false);
    }

    /**
     * True on Linux, where the JDK offers {@link StandardSocketOptions#SO_REUSEPORT} on a
     * {@link ServerSocketChannel} and the kernel spreads connections over the sockets sharing a
     * port; false elsewhere (macOS and the BSDs have the option but do not share the load;
     * Windows lacks it).
     */
    @Override
    public boolean supportsReusePort() {
        return REUSE_PORT;
    }

    @Override
    public ListenerHandle openListener(SocketAddress local, int backlog, boolean reusePort) throws IOException {
        if (reusePort && !REUSE_PORT) {
            throw new UnsupportedOperationException("SO_REUSEPORT listeners are not supported by the select backend on "
                    + System.getProperty("os.name") + ": the kernel does not spread connections over them");
        }
        ServerSocketChannel s = local instanceof InetSocketAddress inet && inet.getAddress() != null
                ? ServerSocketChannel.open(inet.getAddress() instanceof Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)
                : ServerSocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            s.bind(local, backlog > 0 ? backlog : DEFAULT_BACKLOG);
            return new SelectListenerHandle(s, "listener " + s.getLocalAddress());
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public DatagramHandle openDatagram(ProtocolFamily family) throws IOException {
        DatagramChannel d = DatagramChannel.open(family);
        try {
            return new SelectDatagramHandle(d, "datagram");
        } catch (IOException e) {
            d.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            System.getLogger(SelectPoller.class.getName()).log(System.Logger.Level.DEBUG, "closing the selector failed", e);
        }
    }

    private static boolean reusePortSpreads() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }
}
