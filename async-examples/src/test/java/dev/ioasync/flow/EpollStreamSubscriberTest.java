package dev.ioasync.flow;

/** {@link StreamSubscriberTckBase} on the epoll backend. */
public class EpollStreamSubscriberTest extends StreamSubscriberTckBase {

    @Override
    String backend() {
        return "epoll";
    }
}
