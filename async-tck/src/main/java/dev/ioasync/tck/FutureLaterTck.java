package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * IO::Async::Future's {@code done_later} and {@code fail_later}: the future completes at the next
 * loop iteration, never at once.
 */
public abstract class FutureLaterTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FutureLaterTck() {
    }

    @Test
    void later_doneLaterIsNotReadyAtOnceButAfterOneIteration() {
        Future<String> f = loop.newFuture();
        assertThat(f.doneLater("value")).isSameAs(f);
        assertThat(f.isReady()).isFalse();
        loop.loopOnce(Duration.ZERO);
        assertThat(f.isDone()).isTrue();
        assertThat(f.value()).isEqualTo("value");
    }

    @Test
    void later_failLaterFailsWithTheCategoryAndDetails() {
        Future<String> f = loop.newFuture();
        f.failLater("it went wrong", "test", "detail");
        assertThat(f.isReady()).isFalse();
        loop.loopOnce(Duration.ZERO);
        FutureFailure failure = f.failure();
        assertThat(failure).hasMessage("it went wrong");
        assertThat(failure.category()).isEqualTo("test");
        assertThat(failure.details()).containsExactly("detail");
    }

    @Test
    void later_failLaterWithAnExceptionKeepsItAsTheCause() {
        Future<String> f = loop.newFuture();
        IOException cause = new IOException("disk on fire");
        f.failLater(cause);
        loop.loopOnce(Duration.ZERO);
        assertThat(f.failure()).hasCause(cause);
    }

    @Test
    void later_itKeepsItsPlaceAmongDeferredCalls() {
        List<String> order = new ArrayList<>();
        Future<String> f = loop.newFuture();
        loop.later(() -> order.add("later before"));
        f.doneLater("v").onDone(order::add);
        loop.later(() -> order.add("later after"));
        loop.loopOnce(Duration.ZERO);
        assertThat(order).containsExactly("later before", "v", "later after");
    }

    @Test
    void later_getRunsTheLoopUntilTheDeferredValueArrives() {
        assertThat(loop.<Integer>newFuture().doneLater(7).get()).isEqualTo(7);
    }

    @Test
    void later_aFutureCancelledMeanwhileStaysCancelled() {
        Future<String> f = loop.newFuture();
        f.doneLater("v");
        f.cancel();
        loop.loopOnce(Duration.ZERO);
        assertThat(f.isCancelled()).isTrue();
        Future<String> g = loop.newFuture();
        g.cancel();
        assertThat(g.doneLater("ignored")).isSameAs(g);
        loop.loopOnce(Duration.ZERO);
        assertThat(g.isCancelled()).isTrue();
    }

    @Test
    void later_misuseIsAClearError() {
        assertThatThrownBy(() -> new Future<String>().doneLater("v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doneLater").hasMessageContaining("newFuture");
        assertThatThrownBy(() -> new Future<String>().failLater("m", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failLater");
        Future<String> done = loop.<String>newFuture().done("x");
        assertThatThrownBy(() -> done.doneLater("v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already done");
        assertThatThrownBy(() -> loop.newFuture().failLater((Throwable) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("error");
    }

    @Test
    void later_aFutureCompletedMeanwhileReportsTheDeferredCompletionAsAnError() {
        Future<String> f = loop.newFuture();
        f.doneLater("deferred");
        f.done("at once");
        loop.loopOnce(Duration.ZERO);
        assertThat(f.value()).isEqualTo("at once");
        assertThat(drainLoopErrors()).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void later_fromAnotherThreadItCompletesOnTheLoopThread() throws Exception {
        Future<String> f = loop.newFuture();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        f.onDone(v -> ranOn.set(Thread.currentThread()));
        Thread t = new Thread(() -> f.doneLater("from afar"), "completer");
        t.start();
        t.join(WAIT.toMillis());
        assertThat(f.get(WAIT)).isEqualTo("from afar");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void later_onAClosedLoopItIsRefused() {
        Future<String> f = loop.newFuture();
        loop.close();
        assertThatThrownBy(() -> f.doneLater("v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
