package dev.ioasync.group;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.stream.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps of {@link LoopGroup#shutdownGracefully}: every loop stops its listeners; once all
 * have (so that every connection already accepted has been queued to its loop), every loop
 * closes its streams when their write queues are empty, waits the quiet period, and reports;
 * the last report, or the timeout, closes the group.
 */
final class GracefulShutdown {

    private static final System.Logger LOG = System.getLogger(GracefulShutdown.class.getName());

    private final LoopGroup group;
    private final Duration quietPeriod;
    private final Duration timeout;
    private final AtomicInteger stillAccepting;
    private final AtomicInteger stillDraining;

    GracefulShutdown(LoopGroup group, Duration quietPeriod, Duration timeout) {
        this.group = group;
        this.quietPeriod = quietPeriod;
        this.timeout = timeout;
        this.stillAccepting = new AtomicInteger(group.size());
        this.stillDraining = new AtomicInteger(group.size());
    }

    void begin() {
        for (Loop loop : group.loops()) {
            onLoop(loop, () -> stopAccepting(loop), this::accepted);
        }
    }

    /** Phase 1, on {@code loop}'s thread: its listeners close. */
    private void stopAccepting(Loop loop) {
        for (GroupListener g : group.listeners()) {
            g.closeOn(loop);
        }
        accepted();
    }

    private void accepted() {
        if (stillAccepting.decrementAndGet() == 0) {
            // Each acceptor queued its last hand-off before it counted down, so every
            // connection accepted is queued on its loop ahead of the drain.
            for (Loop loop : group.loops()) {
                onLoop(loop, () -> drain(loop), this::drained);
            }
        }
    }

    /** Phase 2, on {@code loop}'s thread: its streams write out what they queued and close. */
    private void drain(Loop loop) {
        List<Future<Void>> closing = new ArrayList<>();
        for (Stream s : LoopGroup.streamsOf(loop)) {
            s.closeWhenEmpty();
            if (!s.isClosed()) {
                closing.add(s.closedFuture());
            }
        }
        boolean[] reported = {false};
        Runnable report = () -> {
            if (!reported[0]) {
                reported[0] = true;
                drained();
            }
        };
        loop.watchTimeAfter(timeout, () -> {
            if (!reported[0]) {
                LOG.log(System.Logger.Level.WARNING, () -> loop + ": " + closing.stream().filter(f -> !f.isReady()).count()
                        + " stream(s) did not drain within " + timeout + "; closing them now");
            }
            report.run();
        });
        Future<?> all = closing.isEmpty() ? Future.doneFuture(null) : Future.waitAll(closing);
        all.onReady(f -> loop.watchTimeAfter(quietPeriod, report));
    }

    private void drained() {
        if (stillDraining.decrementAndGet() == 0) {
            group.close();
        }
    }

    /** Runs {@code step} on {@code loop}'s thread, or {@code ifClosed} at once when the loop is gone. */
    private static void onLoop(Loop loop, Runnable step, Runnable ifClosed) {
        try {
            loop.later(step);
        } catch (IllegalStateException closed) {
            ifClosed.run();
        }
    }
}
