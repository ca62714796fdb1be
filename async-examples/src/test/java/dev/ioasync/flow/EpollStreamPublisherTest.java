package dev.ioasync.flow;

/** {@link StreamPublisherTckBase} on the epoll backend. */
public class EpollStreamPublisherTest extends StreamPublisherTckBase {

    @Override
    String backend() {
        return "epoll";
    }
}
