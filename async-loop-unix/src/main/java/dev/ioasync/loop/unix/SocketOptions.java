package dev.ioasync.loop.unix;

import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;

/** Maps {@link StandardSocketOptions} onto Netty's native {@link Socket} setters and getters. */
final class SocketOptions {

    private SocketOptions() {
    }

    static <T> void set(Socket s, SocketOption<T> option, T value, String backend) throws IOException {
        if (value == null) {
            throw new IllegalArgumentException("socket option " + option.name() + " needs a value");
        }
        if (option == StandardSocketOptions.TCP_NODELAY) {
            s.setTcpNoDelay((Boolean) value);
        } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
            s.setKeepAlive((Boolean) value);
        } else if (option == StandardSocketOptions.SO_REUSEADDR) {
            s.setReuseAddress((Boolean) value);
        } else if (option == StandardSocketOptions.SO_REUSEPORT) {
            s.setReusePort((Boolean) value);
        } else if (option == StandardSocketOptions.SO_BROADCAST) {
            s.setBroadcast((Boolean) value);
        } else if (option == StandardSocketOptions.SO_RCVBUF) {
            s.setReceiveBufferSize((Integer) value);
        } else if (option == StandardSocketOptions.SO_SNDBUF) {
            s.setSendBufferSize((Integer) value);
        } else if (option == StandardSocketOptions.SO_LINGER) {
            s.setSoLinger((Integer) value);
        } else if (option == StandardSocketOptions.IP_TOS) {
            s.setTrafficClass((Integer) value);
        } else {
            throw unsupported(option, backend);
        }
    }

    static <T> T get(Socket s, SocketOption<T> option, String backend) throws IOException {
        Object v;
        if (option == StandardSocketOptions.TCP_NODELAY) {
            v = s.isTcpNoDelay();
        } else if (option == StandardSocketOptions.SO_KEEPALIVE) {
            v = s.isKeepAlive();
        } else if (option == StandardSocketOptions.SO_REUSEADDR) {
            v = s.isReuseAddress();
        } else if (option == StandardSocketOptions.SO_REUSEPORT) {
            v = s.isReusePort();
        } else if (option == StandardSocketOptions.SO_BROADCAST) {
            v = s.isBroadcast();
        } else if (option == StandardSocketOptions.SO_RCVBUF) {
            v = s.getReceiveBufferSize();
        } else if (option == StandardSocketOptions.SO_SNDBUF) {
            v = s.getSendBufferSize();
        } else if (option == StandardSocketOptions.SO_LINGER) {
            v = s.getSoLinger();
        } else if (option == StandardSocketOptions.IP_TOS) {
            v = s.getTrafficClass();
        } else {
            throw unsupported(option, backend);
        }
        return option.type().cast(v);
    }

    private static UnsupportedOperationException unsupported(SocketOption<?> option, String backend) {
        return new UnsupportedOperationException("socket option " + option.name()
                + " is not supported by the " + backend + " backend");
    }
}
