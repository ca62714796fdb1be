package dev.ioasync.observe;

import dev.ioasync.Loop;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Registers a loop's {@link LoopMXBean} on the platform MBean server. */
public final class LoopJmx implements LoopMXBean {

    private static final System.Logger LOG = System.getLogger(LoopJmx.class.getName());

    private final Loop loop;
    private final LoopObserver observer;

    private LoopJmx(Loop loop, LoopObserver observer) {
        this.loop = loop;
        this.observer = observer;
    }

    /**
     * {@return the name a loop's MBean has}
     *
     * @param loopName the loop's name
     */
    public static ObjectName objectName(String loopName) {
        try {
            return new ObjectName("dev.ioasync:type=Loop,name=" + ObjectName.quote(loopName));
        } catch (JMException e) {
            throw new IllegalArgumentException("loop name '" + loopName + "' cannot name an MBean: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the loop's MBean (called by the loop when it opens).
     *
     * @param loop the loop
     * @param observer its observer
     * @return unregisters it
     * @throws IllegalStateException when an MBean of that name is already registered
     */
    public static Runnable register(Loop loop, LoopObserver observer) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName(observer.name());
        try {
            server.registerMBean(new LoopJmx(loop, observer), name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register the MBean " + name + " of loop " + observer.name()
                    + ": " + e.getMessage(), e);
        }
        return () -> {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.log(System.Logger.Level.DEBUG, "MBean " + name + " was already gone", e);
            }
        };
    }

    @Override
    public String getName() {
        return observer.name();
    }

    @Override
    public String getBackend() {
        return loop.backend();
    }

    @Override
    public long getIterations() {
        return loop.metrics().iterations();
    }

    @Override
    public long getCallbacks() {
        return loop.metrics().callbacks();
    }

    @Override
    public long getPollNanos() {
        return loop.metrics().pollNanos();
    }

    @Override
    public long getBusyNanos() {
        return loop.metrics().busyNanos();
    }

    @Override
    public double getUtilisation() {
        return loop.metrics().utilisation();
    }

    @Override
    public long getTimerLatenessP50Nanos() {
        return loop.metrics().timerLatenessNanos().p50();
    }

    @Override
    public long getTimerLatenessP99Nanos() {
        return loop.metrics().timerLatenessNanos().p99();
    }

    @Override
    public long getTimerLatenessMaxNanos() {
        return loop.metrics().timerLatenessNanos().max();
    }

    @Override
    public double getReadyPerPollMean() {
        return loop.metrics().readyPerPoll().mean();
    }

    @Override
    public int getLaterQueueDepth() {
        return loop.metrics().laterQueueDepth();
    }

    @Override
    public int getNotifiers() {
        return loop.metrics().notifiers();
    }

    @Override
    public int getTimers() {
        return loop.metrics().timers();
    }

    @Override
    public int getWatchedHandles() {
        return loop.metrics().watchedHandles();
    }

    @Override
    public long getErrorsTotal() {
        return loop.metrics().errorsTotal();
    }

    @Override
    public long getCallbacksBlocked() {
        return loop.metrics().callbacksBlocked();
    }

    @Override
    public long getBytesRead() {
        return loop.metrics().bytesRead();
    }

    @Override
    public long getBytesWritten() {
        return loop.metrics().bytesWritten();
    }

    @Override
    public long getConnectionsAccepted() {
        return loop.metrics().connectionsAccepted();
    }

    @Override
    public long getReadLimitHits() {
        return loop.metrics().readLimitHits();
    }

    @Override
    public long getWriteLimitHits() {
        return loop.metrics().writeLimitHits();
    }

    @Override
    public java.util.Map<String, Long> getErrorsByCategory() {
        return loop.metrics().errorsByCategory();
    }

    @Override
    public boolean isMetricsEnabled() {
        return observer.metricsEnabled();
    }

    @Override
    public long getWatchdogWarnMillis() {
        return observer.watchdogWarn().toMillis();
    }

    @Override
    public String listCoros() {
        java.util.function.Supplier<String> lister = observer.coroLister();
        if (lister == null) {
            return "no coro scheduler runs on loop " + observer.name();
        }
        if (loop.inLoopThread()) {
            return lister.get();
        }
        CompletableFuture<String> listing = new CompletableFuture<>();
        try {
            loop.later(() -> {
                try {
                    listing.complete(lister.get());
                } catch (RuntimeException e) {
                    listing.completeExceptionally(e);
                }
            });
            return listing.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "loop " + observer.name() + " did not answer within 5 s (blocked or not running)";
        } catch (ExecutionException e) {
            return "listing the coros failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
