package dev.ioasync.flow;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.stream.Stream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK's publisher rules for {@link StreamPublisher}, over real TCP
 * sockets on 127.0.0.1: for {@code n} elements the peer writes {@code n} bytes (made as the
 * socket takes them, so that even {@code Long.MAX_VALUE} costs no memory) and closes, and
 * the publisher, with a chunk of one byte, must signal exactly {@code n} elements then complete.
 * A failed publisher is one whose stream was closed before end of file. One subclass per
 * backend.
 */
abstract class StreamPublisherTckBase extends FlowPublisherVerification<ByteBuffer> {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private LoopThread loop;

    StreamPublisherTckBase() {
        super(new TestEnvironment(1000, 200), 1000);
    }

    /** {@return the loop backend to test} */
    abstract String backend();

    @BeforeClass
    public void startLoop() throws Exception {
        try {
            loop = new LoopThread(backend());
        } catch (BackendUnavailableException e) {
            throw new SkipException("backend " + backend() + " cannot run here: " + e.getMessage());
        }
    }

    @AfterMethod
    public void closeStreams() throws Exception {
        if (loop != null) {
            loop.closeStreams();
        }
    }

    @AfterClass(alwaysRun = true)
    public void stopLoop() throws Exception {
        if (loop != null) {
            loop.close();
        }
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        try {
            Stream[] pair = loop.loopbackPair();
            return loop.call(() -> {
                Stream writer = pair[1];
                long[] left = {elements};
                writer.write(() -> { // made as the socket takes it: "Long.MAX_VALUE elements" costs no memory
                    int n = (int) Math.min(left[0], ZEROS.length);
                    left[0] -= n;
                    return n == 0 ? null : n == ZEROS.length ? ZEROS : new byte[n];
                });
                writer.closeWhenEmpty();
                return new StreamPublisher(pair[0], 1);
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a loopback pair on " + backend(), e);
        }
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        try {
            Stream[] pair = loop.loopbackPair();
            return loop.call(() -> {
                StreamPublisher p = new StreamPublisher(pair[0], 1);
                pair[0].closeNow();
                return p;
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a loopback pair on " + backend(), e);
        }
    }
}
