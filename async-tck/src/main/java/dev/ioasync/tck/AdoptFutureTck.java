package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * IO::Async::Notifier's {@code adopt_future}: the notifier keeps the future until it is ready,
 * and its failure goes to the notifier's error path ({@code invoke_error}: its own handler, up
 * the tree, finally the loop's).
 */
public abstract class AdoptFutureTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected AdoptFutureTck() {
    }

    @Test
    void adopt_theNotifierHoldsTheFutureUntilItIsReady() {
        Notifier n = new Notifier();
        loop.add(n);
        Future<String> f = loop.newFuture();
        Future<String> g = loop.newFuture();
        assertThat(n.adoptFuture(f)).isSameAs(f);
        n.adoptFuture(g);
        assertThat(n.adoptedFutures()).containsExactly(f, g);
        f.done("ok");
        assertThat(n.adoptedFutures()).containsExactly(g);
        g.cancel();
        assertThat(n.adoptedFutures()).isEmpty();
        assertThat(loopErrors).as("done and cancelled futures are no errors").isEmpty();
    }

    @Test
    void adopt_aFailureGoesToTheNotifiersOwnHandler() {
        List<Throwable> own = new ArrayList<>();
        List<Notifier> sources = new ArrayList<>();
        Notifier n = new Notifier().onError((e, s) -> {
            own.add(e);
            sources.add(s);
        });
        loop.add(n);
        Future<String> f = n.adoptFuture(loop.newFuture());
        f.fail("it broke", "test", 42);
        assertThat(own).singleElement().isInstanceOfSatisfying(FutureFailure.class, failure -> {
            assertThat(failure).hasMessage("it broke");
            assertThat(failure.category()).isEqualTo("test");
            assertThat(failure.details()).containsExactly(42);
        });
        assertThat(sources).containsExactly(n);
        assertThat(n.adoptedFutures()).isEmpty();
        assertThat(loopErrors).isEmpty();
    }

    @Test
    void adopt_withoutAHandlerTheFailureGoesUpTheTreeThenToTheLoop() {
        List<Throwable> parents = new ArrayList<>();
        Notifier parent = new Notifier().onError((e, s) -> parents.add(e));
        Notifier child = new Notifier();
        parent.addChild(child);
        loop.add(parent);
        child.adoptFuture(loop.newFuture()).fail("to the parent", null);
        assertThat(parents).singleElement().satisfies(e -> assertThat(e).hasMessage("to the parent"));

        Notifier orphan = new Notifier();
        loop.add(orphan);
        orphan.adoptFuture(loop.newFuture().failLater("to the loop", "test"));
        awaitReady(loop.laterFuture());
        assertThat(loopErrorSources).containsExactly(orphan);
        assertThat(drainLoopErrors()).singleElement().satisfies(e -> assertThat(e).hasMessage("to the loop"));
    }

    @Test
    void adopt_aFutureThatAlreadyFailedIsReportedAtOnce() {
        List<Throwable> own = new ArrayList<>();
        Notifier n = new Notifier().onError((e, s) -> own.add(e));
        loop.add(n);
        n.adoptFuture(Future.failedFuture("failed before", "test"));
        assertThat(own).singleElement().satisfies(e -> assertThat(e).hasMessage("failed before"));
        assertThat(n.adoptedFutures()).isEmpty();
    }

    @Test
    void adopt_aFailureOnAnotherThreadIsReportedOnTheLoopThread() throws Exception {
        List<Thread> reportedOn = new CopyOnWriteArrayList<>();
        Notifier n = new Notifier().onError((e, s) -> reportedOn.add(Thread.currentThread()));
        loop.add(n);
        Future<String> f = n.adoptFuture(new Future<>());
        Thread t = new Thread(() -> f.fail("far away", "test"), "failer");
        t.start();
        t.join(WAIT.toMillis());
        runUntil(loop, () -> !reportedOn.isEmpty(), "the failure to be reported");
        assertThat(reportedOn).containsExactly(Thread.currentThread());
    }

    @Test
    void adopt_removingTheNotifierDoesNotCancelWhatItAdopted() {
        Notifier n = new Notifier().onError((e, s) -> { });
        loop.add(n);
        Future<String> f = n.adoptFuture(loop.newFuture());
        loop.remove(n);
        assertThat(f.isCancelled()).isFalse();
        assertThat(n.adoptedFutures()).containsExactly(f);
        f.done("later still");
        assertThat(n.adoptedFutures()).isEmpty();
    }

    @Test
    void adopt_nullIsRefusedWithItsName() {
        assertThatThrownBy(() -> new Notifier().adoptFuture(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("future");
    }
}
