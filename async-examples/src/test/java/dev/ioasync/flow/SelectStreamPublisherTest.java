package dev.ioasync.flow;

/** {@link StreamPublisherTckBase} on the select backend. */
public class SelectStreamPublisherTest extends StreamPublisherTckBase {

    @Override
    String backend() {
        return "select";
    }
}
