package dev.ioasync.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;

/**
 * The ceilings the Coro switch benchmarks are compared with: the same N switches between two
 * strands with nothing of Coro's in between. A bare virtual-thread hand-off (two virtual threads
 * passing a baton with park/unpark, the floor under the fallback) and a bare
 * {@code jdk.internal.vm.Continuation} scheduler (a driver loop resuming two continuations that
 * yield, the floor under the default mechanism; reached through method handles, since this module
 * is compiled without the export; needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}
 * at run time).
 */
final class CoroCeilings {

    private CoroCeilings() {
    }

    // ------------------------------------------------------------------ virtual threads

    /** Two virtual threads take turns {@code switches} times in all; returns when both are done. */
    static void virtualThreadHandOff(int switches) throws InterruptedException {
        Turn turn = new Turn();
        int each = switches / 2;
        Thread a = Thread.ofVirtual().unstarted(() -> turn.play(0, each));
        Thread b = Thread.ofVirtual().unstarted(() -> turn.play(1, each));
        turn.players[0] = a;
        turn.players[1] = b;
        a.start();
        b.start();
        a.join();
        b.join();
    }

    /** Whose turn it is, and the two players. */
    private static final class Turn {
        final Thread[] players = new Thread[2];
        private volatile int whose;

        void play(int me, int rounds) {
            Thread other = players[1 - me];
            for (int i = 0; i < rounds; i++) {
                while (whose != me) {
                    LockSupport.park(this);
                }
                whose = 1 - me;
                LockSupport.unpark(other);
            }
        }
    }

    /**
     * A platform thread (the caller, as the loop's thread is the main coro) and one virtual thread
     * take turns {@code roundTrips} times each way: the floor under a fallback switch to and from
     * the main coro (a Semaphore or Signal ping-pong with main, async+join), where the loop's
     * platform thread must be parked and unparked.
     */
    static void platformVirtualHandOff(int roundTrips) throws InterruptedException {
        Turn turn = new Turn();
        Thread b = Thread.ofVirtual().unstarted(() -> turn.play(1, roundTrips));
        turn.players[0] = Thread.currentThread();
        turn.players[1] = b;
        b.start();
        turn.play(0, roundTrips);
        b.join();
    }

    // ------------------------------------------------------------------ continuations

    private static final MethodHandle NEW_SCOPE;
    private static final MethodHandle NEW_CONTINUATION;
    private static final MethodHandle RUN;
    private static final MethodHandle IS_DONE;
    private static final MethodHandle YIELD;
    private static final Object SCOPE;
    private static final Throwable UNREACHABLE;

    static {
        MethodHandle newScope = null;
        MethodHandle newCont = null;
        MethodHandle run = null;
        MethodHandle isDone = null;
        MethodHandle yield = null;
        Object scope = null;
        Throwable unreachable = null;
        try {
            Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
            MethodHandles.Lookup l = MethodHandles.lookup(); // reads the package exported to this module only
            newScope = l.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                    .asType(MethodType.methodType(Object.class, String.class));
            newCont = l.findConstructor(contClass, MethodType.methodType(void.class, scopeClass, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            run = l.findVirtual(contClass, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            isDone = l.findVirtual(contClass, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            yield = l.findStatic(contClass, "yield", MethodType.methodType(boolean.class, scopeClass))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            scope = (Object) newScope.invokeExact("ceiling");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            unreachable = unavailable; // without the export: continuationScheduler says so
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
        NEW_SCOPE = newScope;
        NEW_CONTINUATION = newCont;
        RUN = run;
        IS_DONE = isDone;
        YIELD = yield;
        SCOPE = scope;
        UNREACHABLE = unreachable;
    }

    /** Two continuations that each yield {@code switches / 2} times, resumed in turn by a driver loop. */
    static void continuationScheduler(int switches) throws Throwable {
        if (SCOPE == null || NEW_SCOPE == null) {
            throw new IllegalStateException("jdk.internal.vm.Continuation is not reachable:"
                    + " run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED", UNREACHABLE);
        }
        int each = switches / 2;
        Runnable body = () -> {
            try {
                for (int i = 0; i < each; i++) {
                    boolean ignored = (boolean) YIELD.invokeExact(SCOPE);
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
        Object a = (Object) NEW_CONTINUATION.invokeExact(SCOPE, body);
        Object b = (Object) NEW_CONTINUATION.invokeExact(SCOPE, body);
        boolean aDone = false;
        boolean bDone = false;
        while (!aDone || !bDone) {
            if (!aDone) {
                RUN.invokeExact(a);
                aDone = (boolean) IS_DONE.invokeExact(a);
            }
            if (!bDone) {
                RUN.invokeExact(b);
                bDone = (boolean) IS_DONE.invokeExact(b);
            }
        }
    }
}
