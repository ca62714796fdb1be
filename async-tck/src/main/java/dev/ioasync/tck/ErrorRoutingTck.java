package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.CallbackException;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.io.PipePair;
import dev.ioasync.timer.Countdown;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A callback that throws never stops the loop: its error goes up the tree to a handler. */
public abstract class ErrorRoutingTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ErrorRoutingTck() {
    }

    @Test
    void errors_aThrowingLaterGoesToTheLoopHandlerAndTheRestStillRun() {
        List<String> ran = new ArrayList<>();
        loop.later(() -> ran.add("before"));
        loop.later(() -> {
            throw new IllegalStateException("boom in later");
        });
        loop.later(() -> ran.add("after"));
        loop.loopOnce(Duration.ZERO);
        assertThat(ran).containsExactly("before", "after");
        assertThat(loopErrorSources).containsExactly("none");
        assertThat(drainLoopErrors()).singleElement().satisfies(e -> assertThat(e).hasMessage("boom in later"));
    }

    @Test
    void errors_aThrowingLowLevelTimerGoesToTheLoopHandler() {
        boolean[] second = {false};
        loop.watchTimeAfter(Duration.ZERO, () -> {
            throw new IllegalArgumentException("boom in timer");
        });
        loop.watchTimeAfter(Duration.ZERO, () -> second[0] = true);
        loop.loopOnce(Duration.ZERO);
        assertThat(second[0]).isTrue();
        assertThat(drainLoopErrors()).singleElement().satisfies(e -> assertThat(e).hasMessage("boom in timer"));
    }

    @Test
    void errors_aNotifierCallbackGoesToItsOwnHandlerFirst() {
        List<Throwable> own = new ArrayList<>();
        List<Throwable> parents = new ArrayList<>();
        Notifier parent = new Notifier().onError((e, s) -> parents.add(e));
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw new IllegalStateException("boom");
        });
        c.onError((e, s) -> own.add(e));
        parent.addChild(c);
        loop.add(parent);
        c.start();
        loop.loopOnce(Duration.ZERO);
        assertThat(own).singleElement().isInstanceOf(CallbackException.class);
        CallbackException ce = (CallbackException) own.get(0);
        assertThat(ce.notifier()).isSameAs(c);
        assertThat(ce.event()).isEqualTo("on_expire");
        assertThat(ce).hasRootCauseMessage("boom");
        assertThat(parents).isEmpty();
    }

    @Test
    void errors_withoutItsOwnHandlerAnErrorGoesToTheNearestAncestorsHandler() {
        List<Object> seen = new ArrayList<>();
        Notifier top = new Notifier().name("top").onError((e, s) -> seen.add("top saw " + s.name()));
        Notifier middle = new Notifier().name("middle");
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw new IllegalStateException("boom");
        });
        c.name("leaf");
        middle.addChild(c);
        top.addChild(middle);
        loop.add(top);
        c.start();
        loop.loopOnce(Duration.ZERO);
        assertThat(seen).containsExactly("top saw leaf");
    }

    @Test
    void errors_withNoHandlerInTheTreeTheLoopHandlerGetsItWithItsSource() {
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw new IllegalStateException("boom");
        });
        loop.add(c);
        c.start();
        loop.loopOnce(Duration.ZERO);
        assertThat(loopErrorSources).containsExactly(c);
        assertThat(drainLoopErrors()).singleElement().satisfies(e -> assertThat(e).hasRootCauseMessage("boom"));
    }

    @Test
    void errors_aHandlerThatThrowsPassesItsErrorUpward() {
        List<Throwable> top = new ArrayList<>();
        Notifier parent = new Notifier().onError((e, s) -> top.add(e));
        Countdown c = new Countdown(Duration.ZERO, () -> {
            throw new IllegalStateException("first");
        });
        c.onError((e, s) -> {
            throw new IllegalArgumentException("handler failed");
        });
        parent.addChild(c);
        loop.add(parent);
        c.start();
        loop.loopOnce(Duration.ZERO);
        assertThat(top).singleElement().satisfies(e -> {
            assertThat(e).hasMessage("handler failed");
            assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasRootCauseMessage("first"));
        });
    }

    @Test
    void errors_aThrowingIoCallbackGoesToTheLoopHandlerAndTheLoopGoesOn() throws Exception {
        try (PipePair p = loop.pipe()) {
            p.writer().write(ByteBuffer.wrap(new byte[] {1}));
            int[] calls = {0};
            loop.watchIo(p.reader(), () -> {
                calls[0]++;
                throw new IllegalStateException("boom in io");
            }, null);
            runUntil(loop, () -> calls[0] >= 2, "the read callback to be called again");
            loop.unwatchIo(p.reader());
            assertThat(drainLoopErrors()).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessage("boom in io"));
        }
    }

    @Test
    void errors_theDefaultLoopHandlerLogsAndGoesOn() {
        try (LogCapture log = new LogCapture(Loop.class.getName());
                Loop plain = Loop.builder().provider(provider()).build()) {
            List<LogRecord> records = log.records();
            boolean[] after = {false};
            plain.later(() -> {
                throw new IllegalStateException("logged, not fatal");
            });
            plain.later(() -> after[0] = true);
            plain.loopOnce(Duration.ZERO);
            assertThat(after[0]).isTrue();
            assertThat(records).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.WARNING);
                assertThat(r.getThrown()).hasMessage("logged, not fatal");
            });
        }
    }
}
