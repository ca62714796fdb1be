package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How coros end: join values, failures, terminate, cancel, safeCancel, throwInto, killall (edge case 8). */
class EndingsTest extends CoroTestBase {

    @Test
    void joinReturnsTheBodysValue() {
        assertThat(Coro.async(a -> "hello").join()).containsExactly("hello");
        assertThat(Coro.async(a -> null).join()).isEmpty();
    }

    @Test
    void joinReturnsTerminateValues() {
        Coro c = Coro.async(() -> {
            try {
                nested();
            } finally {
                log("finally");
            }
        });
        assertThat(c.join()).containsExactly("v1", "v2");
        assertThat(c.join()).containsExactly("v1", "v2"); // as often as you like
        assertThat(trace).containsExactly("finally");
    }

    private static void nested() {
        throw Coro.terminate("v1", "v2");
    }

    @Test
    void aBodyThatThrowsEndsFailedAndJoinRethrows() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Coro c = Coro.async(() -> {
            throw boom;
        });
        assertThatThrownBy(c::join).isInstanceOf(CoroFailedException.class).hasCause(boom);
        assertThat(c.isZombie()).isTrue();
        Coro checked = Coro.async(a -> {
            throw new java.io.IOException("io");
        });
        assertThatThrownBy(checked::join).hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void anUnjoinedFailureIsLoggedAndDoesNotStopTheOthers() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.ioasync.coro");
        List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            Coro bad = Coro.async(() -> {
                throw new IllegalStateException("nobody joins me (this warning is expected)");
            });
            Coro ok = Coro.async(() -> log("still running"));
            ok.join();
            assertThat(trace).containsExactly("still running");
            assertThat(records).anySatisfy(r -> {
                assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(r.getMessage()).contains(bad.toString(), "nobody is joining");
                assertThat(r.getThrown()).hasMessageContaining("nobody joins me");
            });
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void cancelRunsFinallyAndOnDestroyBeforeItReturns() {
        Semaphore never = new Semaphore(0);
        Coro c = Coro.async(() -> {
            try {
                never.down();
                log("not reached");
            } finally {
                log("finally");
            }
        });
        c.onDestroy(values -> log("destroyed " + values));
        Coro.cede();
        assertThat(never.waiters()).isEqualTo(1);
        c.cancel("why");
        assertThat(trace).containsExactly("finally", "destroyed [why]");
        assertThat(c.isZombie()).isTrue();
        assertThat(c.join()).containsExactly("why");
        assertThat(never.waiters()).isZero();
        assertThat(never.count()).isZero();
    }

    @Test
    void cancelOfANewCoroNeverRunsIt() {
        Coro c = Coro.async(() -> log("ran"));
        c.onDestroy(v -> log("destroyed"));
        c.cancel(7);
        Coro.cede();
        assertThat(trace).containsExactly("destroyed");
        assertThat(c.join()).containsExactly(7);
        c.cancel(); // a zombie: nothing
    }

    @Test
    void cancelCannotBeSwallowed() {
        Coro c = Coro.async(() -> {
            try {
                Coro.schedule();
            } catch (Throwable t) {
                log("caught " + t.getClass().getSimpleName());
            }
            try {
                Coro.cede();
                log("not reached");
            } finally {
                log("unwound");
            }
        });
        Coro.cede();
        c.cancel();
        assertThat(trace).containsExactly("caught CoroExit", "unwound");
        assertThat(c.isZombie()).isTrue();
    }

    @Test
    void aCoroCanCancelItselfAndAnother() {
        Coro victim = Coro.async(() -> {
            try {
                Coro.schedule();
            } finally {
                log("victim unwound");
            }
        });
        Coro killer = Coro.async(() -> {
            victim.cancel();
            log("victim is zombie: " + victim.isZombie());
            Coro.current().cancel("self");
        });
        assertThat(killer.join()).containsExactly("self");
        assertThat(trace).containsExactly("victim unwound", "victim is zombie: true");
    }

    @Test
    void safeCancelRefusesTheRunningCoro() {
        Coro c = Coro.async(() -> {
            assertThatThrownBy(() -> Coro.current().safeCancel()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("terminate");
            Coro.schedule();
        });
        Coro.cede();
        assertThat(c.safeCancel("ok")).isTrue();
        assertThat(c.join()).containsExactly("ok");
    }

    @Test
    void throwIntoSurfacesAtTheNextSwitchPoint() {
        Coro c = Coro.async(() -> {
            log("working");
            Coro.cede();
            log("not reached");
        });
        c.throwInto(new IllegalStateException("stop")); // not started yet: raised when it first runs
        Coro.cede();
        assertThat(c.isZombie()).isTrue();
        assertThatThrownBy(c::join).hasRootCauseMessage("stop");
        assertThat(trace).isEmpty();

        Coro d = Coro.async(() -> {
            try {
                Coro.schedule();
            } catch (IllegalStateException e) {
                log("caught " + e.getMessage());
            }
        });
        Coro.cede();
        d.throwInto(new IllegalStateException("wake up"));
        d.join();
        assertThat(trace).containsExactly("caught wake up");
    }

    @Test
    void aDownInterruptedByThrowIntoTakesNoToken() {
        Semaphore sem = new Semaphore(0);
        Coro c = Coro.async(() -> {
            try {
                sem.down();
                log("took");
            } catch (IllegalStateException e) {
                log("interrupted");
            }
        });
        Coro.cede();
        sem.up(); // wakes c ...
        c.throwInto(new IllegalStateException("no")); // ... but it is interrupted first
        c.join();
        assertThat(trace).containsExactly("interrupted");
        assertThat(sem.count()).isEqualTo(1);
    }

    @Test
    void killallCancelsEveryOtherCoro() {
        Coro a = Coro.async(Coro::schedule);
        Coro b = Coro.async(() -> new Semaphore(0).down());
        Coro c = new Coro(() -> { });
        Coro.cede();
        Coro.killall();
        assertThat(List.of(a, b, c)).allMatch(Coro::isZombie);
        assertThat(Coro.main().isZombie()).isFalse();
    }

    @Test
    void onDestroyOnAZombieRunsAtOnce() {
        Coro c = Coro.async(a -> 5);
        c.join();
        c.onDestroy(v -> log("late " + v));
        assertThat(trace).containsExactly("late [5]");
    }

    @Test
    void cancelFromALoopCallbackWhileIdleStartsTheUnwinding() {
        Coro c = Coro.async(() -> {
            try {
                Coro.schedule();
            } finally {
                log("unwound");
            }
        });
        Coro.cede();
        java.util.List<Throwable> errors = new java.util.ArrayList<>();
        loop.errorHandler((e, src) -> errors.add(e));
        loop.watchTimeAfter(java.time.Duration.ofMillis(1), () -> {
            try {
                c.safeCancel();
            } catch (IllegalStateException e) {
                log("safeCancel refused");
            }
            c.cancel("late");
            log("cancel returned");
        });
        assertThat(c.join()).containsExactly("late");
        assertThat(trace).containsExactly("safeCancel refused", "cancel returned", "unwound");
        assertThat(errors).isEmpty();
    }

    @Test
    void joinCanTimeOut() {
        Coro c = Coro.async(Coro::schedule);
        assertThatThrownBy(() -> c.join(java.time.Duration.ofMillis(5))).isInstanceOf(CoroTimeoutException.class);
        assertThatThrownBy(() -> Coro.async(() -> Coro.current().join()).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCoroThatReadiesItselfWhileUnwindingEndsCleanly() {
        Coro c = Coro.async(() -> {
            try {
                Coro.schedule();
            } finally {
                Coro.current().ready(); // as a read withdrawn in a finally block does, through its waiter
            }
        });
        Coro.cede();
        c.cancel("x");
        assertThat(c.join()).containsExactly("x");
        assertThat(c.isReady()).isFalse();
        Coro.cede(); // nothing stale left in the ready queue
        assertThat(Coro.nready()).isZero();
    }
}
