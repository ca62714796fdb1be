package dev.ioasync.coro;

import java.lang.System.Logger.Level;

/**
 * The coros behind {@link Coro#asyncPool} (Perl's {@code async_pool}): each loops over jobs,
 * resets itself after each, and parks in the scheduler's idle pool while that holds fewer than
 * {@link CoroScheduler#poolSize()} coros; otherwise it ends.
 */
final class CoroPool {

    private CoroPool() {
    }

    static Coro submit(CoroScheduler s, Body job, Object[] args) {
        s.checkThread();
        Coro c = s.idlePool.pollLast();
        if (c == null) {
            c = new Coro(s, a -> loop(s), new Object[0], false, true);
        }
        c.poolJob = job;
        c.poolArgs = args;
        c.ready();
        return c;
    }

    private static Object loop(CoroScheduler s) {
        Coro me = s.current;
        while (true) {
            Body job = me.poolJob;
            Object[] args = me.poolArgs;
            me.poolJob = null;
            me.poolArgs = null;
            if (job != null) {
                try {
                    job.run(args);
                } catch (CoroExit | VirtualMachineError e) {
                    throw e; // a fatal JVM error is no job failure: it ends the coro and leaves the scheduler
                } catch (Throwable t) {
                    CoroScheduler.log(Level.WARNING, "an asyncPool job in " + me + " threw", t);
                }
                me.resetForPool();
            }
            if (s.idlePool.size() >= s.poolSize()) {
                return null;
            }
            s.idlePool.addLast(me);
            try {
                while (me.poolJob == null) {
                    me.waitingOn = "asyncPool (idle)";
                    Coro.schedule();
                }
            } catch (RuntimeException | Error e) {
                s.idlePool.remove(me);
                throw e;
            } finally {
                me.waitingOn = null;
            }
        }
    }
}
