package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Cancellable;
import dev.ioasync.Future;
import dev.ioasync.LoopHold;
import dev.ioasync.Notifier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Future.get()} and {@code Loop.await} on the loop thread never wait for ever for a future
 * that nothing can complete: they throw an {@link IllegalStateException} saying why. Anything that
 * could still complete it keeps them waiting: an I/O watch, a timer, a deferred call, a notifier,
 * another pending future of the loop, a keep-alive hold ({@code Loop.hold}), or a thread that
 * queues a {@code later} call.
 */
public abstract class WaitForeverTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected WaitForeverTck() {
    }

    /** The grace before such a wait throws, short here so that the throwing cases end quickly. */
    static final Duration LIMIT = Duration.ofMillis(200);

    /** Shortens {@link #loop}'s wait-for-ever limit to {@link #LIMIT}. */
    @BeforeEach
    void shortLimit() {
        assertThat(loop.waitForeverLimit()).as("the default limit").isEqualTo(Duration.ofSeconds(10));
        loop.waitForeverLimit(LIMIT);
    }

    @Test
    void waitForever_aThreadThatFirstReachesTheLoopWithinTheLimitIsWaitedFor() throws Exception {
        loop.waitForeverLimit(Duration.ofSeconds(5));
        Future<String> f = loop.newFuture();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = start("late-completer", () -> {
            try {
                waiting.await(); // the loop thread is about to wait (no hold, no earlier contact)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.later(() -> f.done("late but in time"));
        });
        loop.later(waiting::countDown); // runs inside the wait below
        assertThat(f.get()).isEqualTo("late but in time");
        t.join(WAIT.toMillis());
    }

    @Test
    void waitForever_zeroTurnsTheCheckOff() throws Exception {
        loop.waitForeverLimit(Duration.ZERO);
        Future<String> f = loop.newFuture();
        Thread t = start("slow-completer", () -> {
            try {
                Thread.sleep(LIMIT.multipliedBy(2).toMillis()); // work that outlasts the limit, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.later(() -> f.done("after the limit"));
        });
        assertThat(f.get()).isEqualTo("after the limit");
        t.join(WAIT.toMillis());
        assertThatThrownBy(() -> loop.waitForeverLimit(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitForeverLimit");
    }

    /** Runs {@code body} on a new thread; the test joins it. */
    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void waitForever_aFutureNothingCanCompleteThrowsInsteadOfHanging() {
        Future<String> orphan = loop.newFuture();
        assertThatThrownBy(orphan::get).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would never end").hasMessageContaining("hold");
        assertThatThrownBy(() -> loop.await(orphan)).isInstanceOf(IllegalStateException.class);
        assertThat(orphan.isReady()).isFalse();
        orphan.done("still usable");
        assertThat(orphan.get()).isEqualTo("still usable");
    }

    @Test
    void waitForever_theWaitEndsWhenTheLastThingThatCouldCompleteItIsGone() {
        Future<String> f = loop.newFuture();
        loop.watchTimeAfter(Duration.ofMillis(1), () -> { }); // fires without completing f
        assertThatThrownBy(f::get).as("thrown once the timer fired and nothing is left")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waitForever_aTimerOrADeferredCallKeepsItWaiting() {
        Future<String> byTimer = loop.newFuture();
        loop.watchTimeAfter(Duration.ofMillis(20), () -> byTimer.done("timer"));
        assertThat(byTimer.get()).isEqualTo("timer");

        Future<String> byLater = loop.newFuture();
        loop.later(() -> byLater.done("later"));
        assertThat(byLater.get()).isEqualTo("later");
    }

    @Test
    void waitForever_anotherPendingFutureOfTheLoopKeepsItWaiting() throws Exception {
        // as a component's future (a resolver's, say) that a thread of its own completes
        Future<String> component = loop.newFuture();
        Future<String> mine = loop.newFuture();
        component.onDone(mine::done);
        CountDownLatch go = new CountDownLatch(1);
        loop.later(go::countDown);
        Thread t = start("component", () -> {
            try {
                if (go.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    component.done("from the component's thread");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(mine.get()).isEqualTo("from the component's thread");
        t.join(WAIT.toMillis());
    }

    @Test
    void waitForever_aNotifierInTheLoopKeepsItWaiting() {
        Notifier n = new Notifier();
        loop.add(n);
        Future<String> f = loop.newFuture();
        loop.watchTimeAfter(Duration.ofMillis(20), () -> loop.remove(n));
        assertThatThrownBy(f::get).as("waits while the notifier is in, throws after it left")
                .isInstanceOf(IllegalStateException.class);
        assertThat(n.loop()).isNull();
    }

    @Test
    void waitForever_aHoldKeepsItWaitingForAThreadThatCompletesTheFutureDirectly() throws Exception {
        Future<String> f = loop.newFuture();
        CountDownLatch go = new CountDownLatch(1);
        LoopHold hold = loop.hold("a worker thread");
        assertThat(loop.holds()).containsExactly(hold);
        Thread worker = start("worker", () -> {
            try (hold) {
                go.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                f.done("from the worker");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.watchTimeAfter(Duration.ofMillis(20), go::countDown);
        assertThat(f.get()).isEqualTo("from the worker");
        worker.join(WAIT.toMillis());
        assertThat(hold.isHeld()).isFalse();
        assertThat(loop.holds()).isEmpty();
    }

    @Test
    void waitForever_releasingTheLastHoldWithoutCompletingEndsTheWait() throws Exception {
        Future<String> f = loop.newFuture();
        LoopHold hold = loop.hold("a worker that gives up");
        CountDownLatch waiting = new CountDownLatch(1);
        loop.later(waiting::countDown);
        Thread worker = start("quitter", () -> {
            try {
                if (waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    hold.close();
                    hold.close(); // idempotent
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThatThrownBy(f::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("would never end");
        worker.join(WAIT.toMillis());
    }

    @Test
    void waitForever_aThreadThatQueuedALaterKeepsLaterWaitsGoing() throws Exception {
        Future<String> first = loop.newFuture();
        Cancellable keepWaiting = loop.watchTimeAfter(WAIT, () -> { }); // until the thread's call arrives
        Thread t = start("later-caller", () -> loop.later(() -> first.done("via later")));
        assertThat(first.get()).isEqualTo("via later");
        t.join(WAIT.toMillis());
        keepWaiting.cancel();
        // the loop has seen another thread queue calls: from now on it never judges a wait endless
        Future<String> second = loop.newFuture();
        AtomicReference<Thread> caller = new AtomicReference<>();
        loop.later(() -> caller.set(start("later-again", () -> loop.later(() -> second.done("again")))));
        assertThat(second.get()).isEqualTo("again");
        caller.get().join(WAIT.toMillis());
    }

    @Test
    void waitForever_aCompletionStageCompletedOnAPoolKeepsItWaiting() {
        CompletableFuture<String> stage = new CompletableFuture<>();
        Future<String> f = Future.fromCompletionStage(stage, loop);
        Future<Integer> length = f.transform(String::length);
        loop.later(() -> CompletableFuture.runAsync(() -> stage.complete("from the pool")));
        assertThat(length.get()).isEqualTo("from the pool".length());
    }

    @Test
    void waitForever_aFutureOfAnotherLoopIsNotJudged() {
        try (var other = newLoop(null)) {
            Future<String> elsewhere = other.newFuture();
            loop.later(() -> elsewhere.done("done by this loop's callback"));
            assertThat(loop.await(elsewhere).value()).isEqualTo("done by this loop's callback");
        }
    }

    @Test
    void waitForever_aHoldOnAClosedLoopIsRefused() {
        loop.close();
        assertThatThrownBy(() -> loop.hold("too late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
