package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cancel, terminate and throwInto of the canceller or of oneself from the code a cancel runs
 * (finally blocks, guards, onDestroy callbacks): the canceller ends when its cancel returns, never
 * at some later cede; code at a coro's end cannot block.
 */
@SuppressWarnings("try") // guards held for their scope only
class MutualCancelTest extends CoroTestBase {

    /** A coro that waits forever and runs {@code atEnd} in its finally block. */
    private Coro victim(AtomicReference<Runnable> atEnd) {
        return Coro.async(() -> {
            try {
                Coro.schedule();
            } finally {
                atEnd.get().run();
            }
        });
    }

    @Test
    void cancellingTheCancellerFromAFinallyEndsItWhenItsCancelReturns() {
        AtomicReference<Runnable> atEnd = new AtomicReference<>();
        Coro b = victim(atEnd);
        Coro a = Coro.async(() -> {
            try {
                b.cancel("a cancelled b");
                log("a went on after its cancel");
                Coro.cede();
                log("a went on after a cede");
            } finally {
                log("a unwound");
            }
        });
        atEnd.set(() -> {
            log("b unwinds");
            a.cancel("b cancelled a");
            log("b's cancel of a returned");
        });
        Coro.cede(); // b waits; a cancels it
        a.join();
        assertThat(trace).containsExactly("b unwinds", "a unwound");
        assertThat(a.join()).containsExactly("b cancelled a");
        assertThat(b.join()).containsExactly("a cancelled b");
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void cancellingTheCancellerFromOnDestroyEndsItWhenItsCancelReturns() {
        Coro b = Coro.async(Coro::schedule);
        Coro a = Coro.async(() -> {
            try {
                b.cancel("a cancelled b");
                log("a went on after its cancel");
                Coro.cede();
            } finally {
                log("a unwound");
            }
        });
        b.onDestroy(v -> {
            a.cancel("b's onDestroy cancelled a");
            log("onDestroy's cancel returned");
        });
        Coro.cede();
        a.join();
        assertThat(trace).containsExactly("onDestroy's cancel returned", "a unwound");
        assertThat(a.join()).containsExactly("b's onDestroy cancelled a");
        assertThat(b.isZombie()).isTrue();
    }

    @Test
    void throwingIntoTheCancellerSurfacesWhenItsCancelReturns() {
        AtomicReference<Runnable> atEnd = new AtomicReference<>();
        Coro b = victim(atEnd);
        Coro a = Coro.async(() -> {
            try {
                b.cancel();
                log("a went on");
            } catch (IllegalStateException e) {
                log("a caught " + e.getMessage() + "; b is zombie: " + b.isZombie());
            }
        });
        atEnd.set(() -> a.throwInto(new IllegalStateException("from b")));
        Coro.cede();
        a.join();
        assertThat(trace).containsExactly("a caught from b; b is zombie: true");
    }

    @Test
    void cancellingItselfFromItsOwnFinallyWhileCancelledEnds() {
        AtomicReference<Runnable> atEnd = new AtomicReference<>();
        Coro b = victim(atEnd);
        atEnd.set(() -> Coro.current().cancel("itself"));
        Coro.cede();
        b.cancel("main");
        assertThat(b.isZombie()).isTrue();
        assertThat(Coro.current()).isSameAs(Coro.main());
    }

    @Test
    void aTerminateOfItselfInItsOwnOnDestroyIsHarmless() {
        Coro b = Coro.async(a -> "value");
        b.onDestroy(v -> {
            log("destroy " + v);
            throw Coro.terminate("ignored");
        });
        assertThat(b.join()).containsExactly("value");
        assertThat(trace).containsExactly("destroy [value]");
        assertThat(Coro.nready()).isZero();
    }

    @Test
    void onDestroyCodeCannotBlockAndJoinersStillWake() {
        Coro b = Coro.async(a -> "value");
        b.onDestroy(v -> {
            for (Runnable blocking : new Runnable[] {Coro::cede, Coro::schedule, () -> new Semaphore(0).down(),
                    () -> Coro.sleep(java.time.Duration.ofMillis(1))}) {
                try {
                    blocking.run();
                    log("blocked?");
                } catch (IllegalStateException e) {
                    log(e.getMessage().contains("has ended") ? "refused" : e.getMessage());
                }
            }
        });
        assertThat(b.join()).containsExactly("value");
        assertThat(trace).containsExactly("refused", "refused", "refused", "refused");
    }

    @Test
    void safeCancelFromOnDestroyIsRefusedSayingWhere() {
        Coro other = Coro.async(Coro::schedule);
        Coro b = Coro.async(a -> "value");
        b.onDestroy(v -> {
            try {
                other.safeCancel();
            } catch (IllegalStateException e) {
                log(e.getMessage());
            }
        });
        b.join();
        assertThat(trace).singleElement().asString().contains("onDestroy", b.toString(), "cleanup");
        other.cancel();
    }

    @Test
    void aGuardInTheFinallyOfACancelledCoroGivesItsTokenBack() {
        Semaphore sem = new Semaphore(1);
        Coro b = Coro.async(() -> {
            try (Semaphore.Guard g = sem.guard()) {
                Coro.schedule();
            }
        });
        Coro.cede();
        assertThat(sem.count()).isZero();
        Coro waiter = Coro.async(() -> {
            sem.down();
            log("got the token");
        });
        Coro.cede();
        b.cancel();
        waiter.join();
        assertThat(trace).containsExactly("got the token");
    }

    @Test
    void aCancelOfTheMainCoroFromAFinallyFailsTheUnwindingCoroNotMain() {
        AtomicReference<Runnable> atEnd = new AtomicReference<>();
        Coro b = victim(atEnd);
        atEnd.set(() -> Coro.main().cancel());
        Coro.cede();
        b.cancel("x");
        assertThat(b.isZombie()).isTrue();
        assertThatThrownBy(b::join).isInstanceOf(CoroFailedException.class)
                .hasRootCauseMessage("the main coro cannot be cancelled");
        assertThat(Coro.current()).isSameAs(Coro.main());
    }
}
