package dev.ioasync.loop.select;

import dev.ioasync.spi.IoOps;
import dev.ioasync.spi.PollRegistration;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A handle registered with a {@link SelectPoller}: a {@link SelectionKey} seen through {@link IoOps}. */
final class SelectRegistration implements PollRegistration {

    private final SelectionKey key;
    private int interest;

    SelectRegistration(SelectionKey key, int interest) {
        this.key = key;
        this.interest = interest;
    }

    /**
     * Translates interest for a channel in its current state: a listener's READ is accept, a
     * connecting socket's WRITE is connect.
     */
    static int toSelectOps(SelectableChannel channel, int ops) {
        int select = 0;
        if ((ops & IoOps.READ) != 0) {
            select |= channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
        }
        if ((ops & IoOps.WRITE) != 0) {
            select |= channel instanceof SocketChannel s && s.isConnectionPending()
                    ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        return select;
    }

    static int fromSelectOps(int readyOps) {
        int ops = 0;
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            ops |= IoOps.READ;
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            ops |= IoOps.WRITE;
        }
        return ops;
    }

    @Override
    public void interest(int ops) {
        IoOps.check(ops);
        interest = ops;
        try {
            key.interestOps(toSelectOps(key.channel(), ops));
        } catch (CancelledKeyException closedMeanwhile) {
            // the channel was closed while watched: nothing left to change
        }
    }

    @Override
    public int interest() {
        return interest;
    }

    @Override
    public void cancel() {
        key.cancel();
    }

    @Override
    public boolean isValid() {
        return key.isValid();
    }
}
