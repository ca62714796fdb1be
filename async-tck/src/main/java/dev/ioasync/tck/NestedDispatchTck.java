package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.io.IoHandle;
import dev.ioasync.io.PipePair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An I/O callback that runs the loop nested (a {@code loopOnce}, {@code run}, {@code await} or
 * {@code Future.get} inside it) does not disturb the dispatch it was called from: the nested poll
 * records its ready handles apart, so every handle of the outer poll is still dispatched, once.
 */
public abstract class NestedDispatchTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected NestedDispatchTck() {
    }

    private static int drain(IoHandle h) {
        try {
            return h.read(ByteBuffer.allocate(16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nested_aLoopRunInsideAnIoCallbackLeavesTheOuterDispatchWhole() throws Exception {
        List<PipePair> pipes = List.of(loop.pipe(), loop.pipe(), loop.pipe(), loop.pipe());
        List<String> calls = new ArrayList<>();
        boolean[] nestedDone = {false};
        try {
            for (int i = 0; i < pipes.size(); i++) {
                PipePair p = pipes.get(i);
                String name = "pipe " + i;
                loop.watchIo(p.reader(), () -> {
                    int n = drain(p.reader());
                    calls.add(name + " read " + n);
                    if (!nestedDone[0]) {
                        nestedDone[0] = true; // the first callback runs the loop nested
                        loop.loopOnce(Duration.ZERO);
                    }
                }, null);
            }
            for (PipePair p : pipes) {
                p.writer().write(ByteBuffer.wrap(new byte[] {7}));
            }
            runUntil(loop, () -> calls.stream().filter(c -> c.endsWith("read 1")).count() == pipes.size(),
                    "every pipe's byte");
            loop.loopOnce(Duration.ZERO);
            for (int i = 0; i < pipes.size(); i++) {
                String name = "pipe " + i;
                assertThat(calls).as("%s got its byte once (a handle the outer poll found ready may be called "
                        + "again after the nested run read it, and then reads nothing)", name)
                        .containsOnlyOnce(name + " read 1");
            }
            assertThat(calls).allSatisfy(c -> assertThat(c).matches("pipe \\d read [01]"));
            assertThat(loopErrors).isEmpty();
        } finally {
            for (PipePair p : pipes) {
                loop.unwatchIo(p.reader());
                p.close();
            }
        }
    }
}
