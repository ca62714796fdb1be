package dev.ioasync.flow;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.stream.ReadResult;
import dev.ioasync.stream.Stream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK's subscriber rules (black box) for {@link StreamSubscriber}, writing
 * to a real TCP socket on 127.0.0.1 whose peer reads and drops everything. One subclass per
 * backend.
 */
abstract class StreamSubscriberTckBase extends FlowSubscriberBlackboxVerification<ByteBuffer> {

    private LoopThread loop;

    StreamSubscriberTckBase() {
        super(new TestEnvironment(1000, 200));
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
    public Flow.Subscriber<ByteBuffer> createFlowSubscriber() {
        try {
            Stream[] pair = loop.loopbackPair();
            return loop.call(() -> {
                pair[1].onRead((s, buf, eof) -> {
                    buf.clear();
                    return ReadResult.WAIT;
                });
                return new StreamSubscriber(pair[0], 64 * 1024, 4);
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a loopback pair on " + backend(), e);
        }
    }

    @Override
    public ByteBuffer createElement(int element) {
        return ByteBuffer.wrap(("element " + element + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
