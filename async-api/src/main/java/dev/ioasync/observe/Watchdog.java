package dev.ioasync.observe;

import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The blocked-loop watchdog: one daemon thread per JVM ({@code ioasync-watchdog}) looks at every
 * watched loop a few times per threshold. When one callback has held a loop's thread past the
 * loop's threshold ({@link ObserveOptions#watchdogWarn()}, default 2 s, property
 * {@value ObserveOptions#WATCHDOG_PROPERTY}) it logs a WARNING on the logger
 * {@code dev.ioasync.observe.Watchdog} naming the loop, the notifier or callback in charge and
 * (through the loop's context, such as the running coro) what runs, with the loop thread's
 * stack as the record's throwable ({@link BlockedLoopTrace}); then again each time the block
 * doubles; and once, at INFO, when the loop is back, with the total. Durations are lower
 * bounds (the watchdog notices a callback up to a quarter threshold late). It only reads what
 * the loop writes; the loop never waits for it.
 */
public final class Watchdog {

    private static final System.Logger LOG = System.getLogger(Watchdog.class.getName());
    private static final CopyOnWriteArrayList<WeakReference<LoopObserver>> WATCHED = new CopyOnWriteArrayList<>();
    private static final long MIN_TICK = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_TICK = TimeUnit.MILLISECONDS.toNanos(500);
    private static Thread thread;

    private Watchdog() {
    }

    static synchronized void watch(LoopObserver observer) {
        WATCHED.add(new WeakReference<>(observer));
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("ioasync-watchdog").unstarted(Watchdog::run);
            thread.start();
        } else {
            LockSupport.unpark(thread); // a shorter threshold may shorten the tick
        }
    }

    static void forget(LoopObserver observer) {
        WATCHED.removeIf(r -> {
            LoopObserver o = r.get();
            return o == null || o == observer;
        });
    }

    private static void run() {
        while (true) {
            long tick = MAX_TICK;
            long now = System.nanoTime();
            for (WeakReference<LoopObserver> ref : WATCHED) {
                LoopObserver o = ref.get();
                if (o == null) {
                    WATCHED.remove(ref);
                    continue;
                }
                try {
                    check(o, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "watchdog could not check " + o.name(), e);
                }
                tick = Math.min(tick, Math.max(MIN_TICK, o.warnNanos() / 4));
            }
            LockSupport.parkNanos(tick);
        }
    }

    private static void check(LoopObserver o, long now) {
        long seq = o.dispatches();
        boolean busy = o.running() != null;
        if (!busy || seq != o.seenDispatches) {
            if (o.warnings > 0) {
                LOG.log(Level.INFO, "loop " + o.name() + " is running again after one callback held it for at least "
                        + millis(now - o.seenAtNanos));
            }
            o.seenDispatches = busy ? seq : -1;
            o.seenAtNanos = now;
            o.nextWarnNanos = o.warnNanos();
            o.warnings = 0;
            return;
        }
        long blocked = now - o.seenAtNanos;
        if (blocked < o.nextWarnNanos) {
            return;
        }
        Thread t = o.thread();
        String what = o.describeRunning();
        String message = "loop " + o.name() + " blocked: one callback has held thread " + (t == null ? "?" : t.getName())
                + " for at least " + millis(blocked) + " (threshold " + millis(o.warnNanos()) + ")"
                + (what == null ? "" : "; running " + what) + (o.warnings > 0 ? "; still blocked" : "");
        LOG.log(Level.WARNING, message, t == null ? null : new BlockedLoopTrace(message, t));
        if (o.warnings == 0) {
            o.blockedReports.incrementAndGet();
        }
        o.warnings++;
        o.nextWarnNanos = Math.max(o.nextWarnNanos * 2, blocked + o.warnNanos());
    }

    private static String millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }
}
