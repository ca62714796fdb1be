package dev.ioasync.flow;

/** {@link StreamSubscriberTckBase} on the select backend. */
public class SelectStreamSubscriberTest extends StreamSubscriberTckBase {

    @Override
    String backend() {
        return "select";
    }
}
