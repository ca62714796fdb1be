package dev.ioasync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The convergent futures of Perl's Future: {@code needs_all}, {@code needs_any},
 * {@code wait_all} and {@code wait_any}. Components may become ready on any thread, so the
 * bookkeeping is atomic; {@code settled} makes sure exactly one component decides the outcome,
 * and the pending components are cancelled before the convergent's own callbacks run, as in Perl.
 */
final class FutureConvergents {

    private static final String ALL_CANCELLED = "all component futures were cancelled";

    private FutureConvergents() {
    }

    static <T> Future<List<T>> needsAll(Collection<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> subs = List.copyOf(Objects.requireNonNull(futures, "futures"));
        Future<List<T>> result = new Future<>(loopOf(subs), false);
        if (subs.isEmpty()) {
            return result.done(List.of());
        }
        List<T> values = new ArrayList<>(Collections.nCopies(subs.size(), null));
        AtomicInteger pending = new AtomicInteger(subs.size());
        AtomicBoolean settled = new AtomicBoolean();
        result.onCancel(() -> cancelPending(subs));
        for (int i = 0; i < subs.size(); i++) {
            int index = i;
            subs.get(i).onReady(sub -> {
                if (settled.get()) {
                    return;
                }
                if (sub.isDone()) {
                    values.set(index, sub.value());
                    if (pending.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
                        result.tryDone(Collections.unmodifiableList(values));
                    }
                } else if (settled.compareAndSet(false, true)) {
                    cancelPending(subs);
                    result.tryFail(sub.isFailed() ? sub.failure()
                            : new FutureFailure("a component future was cancelled", null));
                }
            });
        }
        return result;
    }

    static <T> Future<T> needsAny(Collection<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> subs = List.copyOf(Objects.requireNonNull(futures, "futures"));
        Future<T> result = new Future<>(loopOf(subs), false);
        if (subs.isEmpty()) {
            return result.fail("needsAny was given no component futures", null);
        }
        AtomicInteger pending = new AtomicInteger(subs.size());
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<FutureFailure> lastFailure = new AtomicReference<>();
        result.onCancel(() -> cancelPending(subs));
        for (Future<? extends T> s : subs) {
            s.onReady(sub -> {
                if (settled.get()) {
                    return;
                }
                if (sub.isDone()) {
                    if (settled.compareAndSet(false, true)) {
                        cancelPending(subs);
                        result.tryDone(sub.value());
                    }
                    return;
                }
                if (sub.isFailed()) {
                    lastFailure.set(sub.failure());
                }
                if (pending.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
                    FutureFailure last = lastFailure.get();
                    result.tryFail(last != null ? last : new FutureFailure(ALL_CANCELLED, null));
                }
            });
        }
        return result;
    }

    static <T> Future<List<Future<T>>> waitAll(Collection<? extends Future<T>> futures) {
        List<Future<T>> subs = List.copyOf(Objects.requireNonNull(futures, "futures"));
        Future<List<Future<T>>> result = new Future<>(loopOf(subs), false);
        if (subs.isEmpty()) {
            return result.done(List.of());
        }
        AtomicInteger pending = new AtomicInteger(subs.size());
        result.onCancel(() -> cancelPending(subs));
        for (Future<T> s : subs) {
            s.onReady(sub -> {
                if (pending.decrementAndGet() == 0) {
                    result.tryDone(subs);
                }
            });
        }
        return result;
    }

    static <T> Future<T> waitAny(Collection<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> subs = List.copyOf(Objects.requireNonNull(futures, "futures"));
        Future<T> result = new Future<>(loopOf(subs), false);
        if (subs.isEmpty()) {
            return result.fail("waitAny was given no component futures", null);
        }
        AtomicInteger pending = new AtomicInteger(subs.size());
        AtomicBoolean settled = new AtomicBoolean();
        result.onCancel(() -> cancelPending(subs));
        for (Future<? extends T> s : subs) {
            s.onReady(sub -> {
                if (settled.get()) {
                    return;
                }
                if (sub.isCancelled() && pending.decrementAndGet() > 0) {
                    return;
                }
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                cancelPending(subs);
                if (sub.isDone()) {
                    result.tryDone(sub.value());
                } else {
                    result.tryFail(sub.isFailed() ? sub.failure() : new FutureFailure(ALL_CANCELLED, null));
                }
            });
        }
        return result;
    }

    private static void cancelPending(List<? extends Future<?>> subs) {
        for (Future<?> s : subs) {
            if (!s.isReady()) {
                s.cancel();
            }
        }
    }

    private static Loop loopOf(List<? extends Future<?>> subs) {
        for (Future<?> s : subs) {
            if (s.loop() != null) {
                return s.loop();
            }
        }
        return null;
    }
}
