package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ioasync.ErrorHandler;
import dev.ioasync.Future;
import dev.ioasync.FutureFailure;
import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Conformance tests of {@link Future}: Perl's Future semantics (states, callbacks, sequencing,
 * convergents, cancellation), its thread rules, {@code get} on and off the loop thread, the
 * report of unobserved failures, and the {@code CompletionStage} bridge.
 */
public abstract class FutureTck extends AbstractLoopTck {

    /** For the backend's subclass. */
    protected FutureTck() {
    }

    // ------------------------------------------------------------------ helpers

    /** A thread that records what its body threw. */
    private static final class Worker {
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Thread thread;

        Worker(String name, Runnable body) {
            thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    error.set(t);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits (bounded) for the thread to end, and rethrows what it threw. */
        void join() {
            try {
                thread.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(thread.isAlive()).as(thread.getName() + " ended").isFalse();
            rethrow();
        }

        void rethrow() {
            if (error.get() != null) {
                throw new AssertionError(thread.getName() + " threw", error.get());
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ completing

    @Test
    void future_doneMakesItDoneWithItsValue() {
        Future<String> f = new Future<>();
        assertThat(f.isReady()).isFalse();
        assertThat(f.state()).isEqualTo("pending");
        assertThat(f.done("v")).isSameAs(f);
        assertThat(f.isReady()).isTrue();
        assertThat(f.isDone()).isTrue();
        assertThat(f.isFailed()).isFalse();
        assertThat(f.isCancelled()).isFalse();
        assertThat(f.state()).isEqualTo("done");
        assertThat(f.value()).isEqualTo("v");
        assertThat(f.get()).isEqualTo("v");
        assertThat(f.failure()).isNull();
    }

    @Test
    void future_doneWithNullIsDone() {
        Future<Void> f = new Future<Void>().done(null);
        assertThat(f.isDone()).isTrue();
        assertThat(f.get()).isNull();
    }

    @Test
    void future_failKeepsMessageCategoryAndDetails() {
        IOException cause = new IOException("refused");
        Future<String> f = new Future<String>().fail("connect failed", "connect", "example.org", 80, cause);
        assertThat(f.isReady()).isTrue();
        assertThat(f.isFailed()).isTrue();
        assertThat(f.isDone()).isFalse();
        assertThat(f.state()).isEqualTo("failed");
        FutureFailure failure = f.failure();
        assertThat(failure.getMessage()).isEqualTo("connect failed");
        assertThat(failure.category()).isEqualTo("connect");
        assertThat(failure.details()).containsExactly("example.org", 80, cause);
        assertThat(failure.getCause()).isSameAs(cause);
    }

    @Test
    void future_failWithThrowableWrapsItKeepingTheCause() {
        IOException e = new IOException("boom");
        Future<String> f = new Future<String>().fail(e);
        FutureFailure failure = f.failure();
        assertThat(failure.category()).isNull();
        assertThat(failure.getCause()).isSameAs(e);
        assertThat(failure.getMessage()).contains("boom");

        FutureFailure given = new FutureFailure("as is", "mine");
        assertThat(new Future<String>().fail(given).failure()).isSameAs(given);
    }

    @Test
    void future_cancelMakesItCancelledAndRunsHooksNewestFirstBeforeOnReady() {
        Future<String> f = new Future<>();
        List<String> order = new ArrayList<>();
        f.onCancel(() -> order.add("hook1"));
        f.onCancel(() -> order.add("hook2"));
        f.onReady(x -> order.add("ready " + x.state()));
        f.onDone(v -> order.add("done"));
        f.onFail(x -> order.add("fail"));
        assertThat(f.cancel()).isSameAs(f);
        assertThat(f.isCancelled()).isTrue();
        assertThat(f.isReady()).isTrue();
        assertThat(f.isDone()).isFalse();
        assertThat(f.isFailed()).isFalse();
        assertThat(f.state()).isEqualTo("cancelled");
        assertThat(order).containsExactly("hook2", "hook1", "ready cancelled");
    }

    @Test
    void future_completingTwiceIsAnErrorNamingTheState() {
        Future<String> done = new Future<String>().done("a");
        assertThatIllegalStateException().isThrownBy(() -> done.done("b")).withMessageContaining("already done");
        assertThatIllegalStateException().isThrownBy(() -> done.fail("x", null))
                .withMessageContaining("already done");
        assertThat(done.value()).isEqualTo("a");

        Future<String> failed = new Future<String>().fail("x", "cat");
        assertThatIllegalStateException().isThrownBy(() -> failed.done("b")).withMessageContaining("already failed");
        assertThatIllegalStateException().isThrownBy(() -> failed.fail(new IOException()))
                .withMessageContaining("already failed");
        assertThat(failed.failure().getMessage()).isEqualTo("x");
    }

    @Test
    void future_completingACancelledFutureIsIgnored() {
        Future<String> f = new Future<String>().cancel();
        AtomicInteger calls = new AtomicInteger();
        assertThat(f.done("late")).isSameAs(f);
        f.fail("late", null);
        f.fail(new IOException("late"));
        f.onDone(v -> calls.incrementAndGet());
        f.onFail(v -> calls.incrementAndGet());
        assertThat(f.isCancelled()).isTrue();
        assertThat(calls).hasValue(0);
    }

    @Test
    void future_cancelOnAReadyFutureDoesNothing() {
        AtomicInteger hooks = new AtomicInteger();
        Future<String> f = new Future<String>().onCancel(hooks::incrementAndGet).done("v");
        f.cancel();
        assertThat(f.isDone()).isTrue();
        assertThat(hooks).hasValue(0);
        Future<String> c = new Future<String>().onCancel(hooks::incrementAndGet).cancel();
        c.cancel();
        assertThat(hooks).hasValue(1);
    }

    @Test
    void future_valueThrowsUnlessDone() {
        assertThatIllegalStateException().isThrownBy(() -> new Future<String>().value())
                .withMessageContaining("not yet ready");
        Future<String> failed = new Future<String>().fail("bad", "cat");
        assertThatThrownBy(failed::value).isSameAs(failed.failure());
        assertThatThrownBy(() -> new Future<String>().cancel().value()).isInstanceOf(CancellationException.class);
    }

    @Test
    void future_failureIsNullUnlessFailed() {
        assertThat(new Future<String>().failure()).isNull();
        assertThat(new Future<String>().done("v").failure()).isNull();
        assertThat(new Future<String>().cancel().failure()).isNull();
        assertThat(new Future<String>().fail("m", "c").failure()).isNotNull();
    }

    @Test
    void future_staticFactoriesMakeReadyFutures() {
        assertThat(Future.doneFuture(3).value()).isEqualTo(3);
        Future<Integer> failed = Future.failedFuture("m", "c", "d");
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.failure().category()).isEqualTo("c");
        assertThat(failed.failure().details()).containsExactly("d");
        IOException e = new IOException("x");
        Future<Integer> wrapped = Future.failedFuture(e);
        assertThat(wrapped.failure().getCause()).isSameAs(e);
        assertThat(Future.doneFuture(1).loop()).isNull();
    }

    @Test
    void future_isBoundToItsLoop() {
        assertThat(new Future<String>().loop()).isNull();
        assertThat(new Future<String>(loop).loop()).isSameAs(loop);
        assertThat(loop.<String>newFuture().loop()).isSameAs(loop);
    }

    @Test
    void future_toStringShowsTheState() {
        assertThat(new Future<String>().toString()).contains("pending");
        assertThat(new Future<String>().done("v").toString()).contains("done");
        assertThat(new Future<String>().cancel().toString()).contains("cancelled");
        Future<String> failed = new Future<String>().fail("it broke", "connect");
        assertThat(failed.toString()).contains("failed").contains("connect").contains("it broke");
        failed.failure();
    }

    // ------------------------------------------------------------------ callbacks

    @Test
    void future_callbacksRunInTheOrderTheyWereAdded() {
        Future<String> f = new Future<>();
        List<String> order = new ArrayList<>();
        f.onReady(x -> order.add("ready1"));
        f.onDone(v -> order.add("done " + v));
        f.onFail(x -> order.add("fail"));
        f.onReady(x -> order.add("ready2"));
        f.onCancel(() -> order.add("cancel"));
        f.done("v");
        assertThat(order).containsExactly("ready1", "done v", "ready2");

        Future<String> g = new Future<>();
        List<String> gOrder = new ArrayList<>();
        g.onDone(v -> gOrder.add("done"));
        g.onFail(x -> gOrder.add("fail " + x.category()));
        g.onReady(x -> gOrder.add("ready"));
        g.fail("m", "cat");
        assertThat(gOrder).containsExactly("fail cat", "ready");
    }

    @Test
    void future_callbackAddedToAReadyFutureRunsAtOnce() {
        List<String> seen = new ArrayList<>();
        Future<String> done = new Future<String>().done("v");
        done.onReady(x -> seen.add("ready " + x.value()));
        done.onDone(v -> seen.add("done " + v));
        done.onFail(x -> seen.add("fail"));
        done.onCancel(() -> seen.add("cancel"));
        assertThat(seen).containsExactly("ready v", "done v");

        seen.clear();
        Future<String> failed = new Future<String>().fail("m", "c");
        failed.onDone(v -> seen.add("done"));
        failed.onFail(x -> seen.add("fail " + x.getMessage()));
        failed.onReady(x -> seen.add("ready"));
        assertThat(seen).containsExactly("fail m", "ready");

        seen.clear();
        Future<String> cancelled = new Future<String>().cancel();
        cancelled.onCancel(() -> seen.add("cancel"));
        cancelled.onReady(x -> seen.add("ready"));
        assertThat(seen).containsExactly("cancel", "ready");
    }

    @Test
    void future_onCancelHooksDoNotRunWhenDoneOrFailed() {
        AtomicInteger hooks = new AtomicInteger();
        new Future<String>().onCancel(hooks::incrementAndGet).done("v");
        new Future<String>().onCancel(hooks::incrementAndGet).fail("m", null).failure();
        assertThat(hooks).hasValue(0);
    }

    @Test
    void future_callbacksRunOnTheCompletingThread() {
        Future<String> f = new Future<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        f.onReady(x -> ranOn.set(Thread.currentThread()));
        Worker w = new Worker("completer", () -> f.done("v"));
        w.join();
        assertThat(ranOn.get()).isSameAs(w.thread);
    }

    @Test
    void future_throwingCallbackIsReportedAndTheOthersStillRun() {
        Future<String> f = loop.newFuture();
        RuntimeException boom = new IllegalArgumentException("boom");
        List<String> ran = new ArrayList<>();
        f.onReady(x -> ran.add("first"));
        f.onDone(v -> {
            throw boom;
        });
        f.onReady(x -> ran.add("third"));
        f.done("v");
        assertThat(ran).containsExactly("first", "third");
        assertThat(f.isDone()).isTrue();
        assertThat(f.value()).isEqualTo("v");
        assertThat(drainLoopErrors()).containsExactly(boom);
    }

    @Test
    void future_throwingCancelHookIsReportedAndTheOthersStillRun() {
        Future<String> f = loop.newFuture();
        RuntimeException boom = new IllegalArgumentException("hook");
        List<String> ran = new ArrayList<>();
        f.onCancel(() -> ran.add("older"));
        f.onCancel(() -> {
            throw boom;
        });
        f.onReady(x -> ran.add("ready"));
        f.cancel();
        assertThat(ran).containsExactly("older", "ready");
        assertThat(f.isCancelled()).isTrue();
        assertThat(drainLoopErrors()).containsExactly(boom);
    }

    @Test
    void future_throwingCallbackOffTheLoopThreadIsReportedOnTheLoopThread() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        loop.errorHandler((Throwable error, Notifier source) -> {
            errors.add(error);
            threads.add(Thread.currentThread());
        });
        Future<String> f = loop.newFuture();
        RuntimeException boom = new IllegalStateException("off-thread boom");
        AtomicInteger others = new AtomicInteger();
        f.onDone(v -> {
            throw boom;
        });
        f.onDone(v -> others.incrementAndGet());
        new Worker("completer", () -> f.done("v")).join();
        assertThat(others).hasValue(1);
        runUntil(loop, () -> !errors.isEmpty(), "the callback error to reach the loop");
        assertThat(errors).containsExactly(boom);
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void future_throwingCallbackOfAnUnboundFutureDoesNotCorruptIt() {
        Future<String> f = new Future<>();
        AtomicInteger after = new AtomicInteger();
        f.onReady(x -> {
            throw new IllegalStateException("logged, not thrown");
        });
        f.onReady(x -> after.incrementAndGet());
        assertThat(f.done("v")).isSameAs(f);
        assertThat(after).hasValue(1);
        assertThat(f.value()).isEqualTo("v");
    }

    // ------------------------------------------------------------------ sequencing

    @Test
    void future_thenChainsOnTheValue() {
        Future<Integer> f = new Future<>();
        Future<String> inner = new Future<>();
        Future<String> g = f.then(v -> {
            assertThat(v).isEqualTo(2);
            return inner;
        });
        assertThat(g.isReady()).isFalse();
        f.done(2);
        assertThat(g.isReady()).isFalse();
        inner.done("two");
        assertThat(g.value()).isEqualTo("two");
    }

    @Test
    void future_thenOnAReadyFutureRunsAtOnce() {
        Future<String> g = Future.doneFuture(1).then(v -> Future.doneFuture("one"));
        assertThat(g.value()).isEqualTo("one");
    }

    @Test
    void future_thenPassesAFailureThrough() {
        Future<Integer> f = new Future<>();
        AtomicInteger calls = new AtomicInteger();
        Future<String> g = f.then(v -> {
            calls.incrementAndGet();
            return Future.doneFuture("no");
        });
        f.fail("bad", "cat");
        assertThat(calls).hasValue(0);
        assertThat(g.isFailed()).isTrue();
        assertThat(g.failure()).isSameAs(f.failure());
    }

    @Test
    void future_thenWithAFailHandlerRecoversAFailure() {
        Future<Integer> f = new Future<>();
        Future<String> g = f.then(v -> Future.doneFuture("value " + v),
                e -> Future.doneFuture("recovered " + e.category()));
        f.fail("bad", "cat");
        assertThat(g.value()).isEqualTo("recovered cat");
        Future<String> h = Future.doneFuture(1).then(v -> Future.doneFuture("value " + v),
                e -> Future.doneFuture("recovered"));
        assertThat(h.value()).isEqualTo("value 1");
    }

    @Test
    void future_thenFunctionThatThrowsFailsTheResult() {
        Future<Integer> f = new Future<>();
        IllegalArgumentException boom = new IllegalArgumentException("step threw");
        Future<String> g = f.then(v -> {
            throw boom;
        });
        f.done(1);
        assertThat(g.isFailed()).isTrue();
        assertThat(g.failure().getCause()).isSameAs(boom);
        assertThat(catchThrowable(g::get)).isInstanceOf(FutureFailure.class).hasCause(boom);
    }

    @Test
    void future_thenFunctionReturningNullFailsTheResult() {
        Future<String> g = Future.doneFuture(1).then(v -> null);
        assertThat(g.isFailed()).isTrue();
        assertThat(g.failure().getCause()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void future_thenCancelPropagatesToTheOriginalWhilePending() {
        Future<Integer> f = new Future<>();
        AtomicInteger calls = new AtomicInteger();
        Future<String> g = f.then(v -> {
            calls.incrementAndGet();
            return Future.doneFuture("x");
        });
        g.cancel();
        assertThat(f.isCancelled()).isTrue();
        assertThat(g.isCancelled()).isTrue();
        assertThat(calls).hasValue(0);
    }

    @Test
    void future_thenCancelPropagatesToInner() {
        Future<Integer> f = new Future<>();
        Future<String> inner = new Future<>();
        Future<String> g = f.then(v -> inner);
        f.done(1);
        g.cancel();
        assertThat(inner.isCancelled()).isTrue();
        assertThat(f.isDone()).isTrue();
        assertThat(g.isCancelled()).isTrue();
    }

    @Test
    void future_sequenceIsCancelledWhenWhatItWaitsOnIsCancelled() {
        Future<Integer> f = new Future<>();
        Future<String> g = f.then(v -> Future.doneFuture("x"));
        f.cancel();
        assertThat(g.isCancelled()).isTrue();

        Future<String> inner = new Future<>();
        Future<String> h = Future.doneFuture(1).then(v -> inner);
        inner.cancel();
        assertThat(h.isCancelled()).isTrue();
    }

    @Test
    void future_sequenceIsBoundToTheSameLoop() {
        Future<Integer> f = loop.newFuture();
        assertThat(f.then(v -> Future.doneFuture("x")).loop()).isSameAs(loop);
        assertThat(f.orElse(e -> Future.doneFuture(0)).loop()).isSameAs(loop);
        assertThat(f.thenCatch("c", e -> Future.doneFuture(0)).loop()).isSameAs(loop);
        assertThat(f.followedBy(x -> Future.doneFuture(0)).loop()).isSameAs(loop);
        assertThat(f.transform(v -> v + 1).loop()).isSameAs(loop);
        assertThat(new Future<Integer>().then(v -> Future.doneFuture(0)).loop()).isNull();
        f.cancel();
    }

    @Test
    void future_thenCatchCatchesItsCategoryOnly() {
        Future<String> timeout = new Future<String>().fail("slow", "timeout");
        Future<String> caught = timeout.thenCatch("timeout", e -> Future.doneFuture("default"));
        assertThat(caught.value()).isEqualTo("default");

        Future<String> connect = new Future<String>().fail("refused", "connect");
        AtomicInteger calls = new AtomicInteger();
        Future<String> passed = connect.thenCatch("timeout", e -> {
            calls.incrementAndGet();
            return Future.doneFuture("default");
        });
        assertThat(calls).hasValue(0);
        assertThat(passed.failure()).isSameAs(connect.failure());

        Future<String> value = Future.doneFuture("v").thenCatch("timeout", e -> Future.doneFuture("default"));
        assertThat(value.value()).isEqualTo("v");

        Future<String> noCategory = new Future<String>().fail(new IOException("x"))
                .thenCatch(null, e -> Future.doneFuture("caught null category"));
        assertThat(noCategory.value()).isEqualTo("caught null category");
    }

    @Test
    void future_orElseRecoversAFailureAndPassesAValueThrough() {
        Future<String> f = new Future<>();
        Future<String> g = f.orElse(e -> Future.doneFuture("recovered from " + e.getMessage()));
        f.fail("oops", null);
        assertThat(g.value()).isEqualTo("recovered from oops");

        AtomicInteger calls = new AtomicInteger();
        Future<String> h = Future.doneFuture("v").orElse(e -> {
            calls.incrementAndGet();
            return Future.doneFuture("no");
        });
        assertThat(h.value()).isEqualTo("v");
        assertThat(calls).hasValue(0);

        Future<String> inner = new Future<>();
        Future<String> k = Future.<String>failedFuture("x", null).orElse(e -> inner);
        k.cancel();
        assertThat(inner.isCancelled()).isTrue();
    }

    @Test
    void future_followedBySeesEveryOutcome() {
        Future<String> done = Future.doneFuture("v").followedBy(f -> Future.doneFuture(f.state() + " " + f.value()));
        assertThat(done.value()).isEqualTo("done v");
        Future<String> failed = Future.<String>failedFuture("m", "c")
                .followedBy(f -> Future.doneFuture(f.state() + " " + f.failure().category()));
        assertThat(failed.value()).isEqualTo("failed c");
        Future<String> throwing = Future.doneFuture("v").followedBy(f -> {
            throw new IllegalStateException("x");
        });
        assertThat(throwing.failure().getCause()).hasMessage("x");
    }

    @Test
    void future_transformMapsTheValueAndTheFailure() {
        assertThat(Future.doneFuture(2).transform(v -> v * 10).value()).isEqualTo(20);
        Future<Integer> failed = Future.failedFuture("m", "c");
        assertThat(failed.transform(v -> v * 10).failure()).isSameAs(failed.failure());
        Future<Integer> mapped = Future.<Integer>failedFuture("m", "c")
                .transform(v -> v * 10, e -> new FutureFailure("wrapped " + e.getMessage(), "other"));
        assertThat(mapped.failure().getMessage()).isEqualTo("wrapped m");
        assertThat(mapped.failure().category()).isEqualTo("other");
        Future<Integer> throwing = Future.doneFuture(2).transform(v -> {
            throw new ArithmeticException("no");
        });
        assertThat(throwing.failure().getCause()).isInstanceOf(ArithmeticException.class);

        Future<Integer> pending = new Future<>();
        pending.transform(v -> v).cancel();
        assertThat(pending.isCancelled()).isTrue();
    }

    @Test
    void future_thenDoneAndThenFailReplaceTheOutcome() {
        assertThat(Future.doneFuture(1).thenDone("x").value()).isEqualTo("x");
        Future<String> failed = Future.doneFuture(1).thenFail("m", "c", 7);
        assertThat(failed.failure().category()).isEqualTo("c");
        assertThat(failed.failure().details()).containsExactly(7);
        Future<Integer> original = Future.failedFuture("first", null);
        assertThat(original.<String>thenDone("x").failure()).isSameAs(original.failure());
    }

    // ------------------------------------------------------------------ convergents

    @Test
    void future_needsAllIsDoneWithEveryValueInOrder() {
        Future<Integer> a = new Future<>();
        Future<Integer> b = new Future<>();
        Future<Integer> c = Future.doneFuture(3);
        Future<List<Integer>> all = Future.needsAll(List.of(a, b, c));
        b.done(2);
        assertThat(all.isReady()).isFalse();
        a.done(1);
        assertThat(all.value()).containsExactly(1, 2, 3);
        assertThat(Future.needsAll(Future.<Void>doneFuture(null), Future.<Void>doneFuture(null)).value())
                .containsExactly(null, null);
    }

    @Test
    void future_needsAllFailsWithTheFirstFailureAndCancelsTheRest() {
        Future<Integer> a = new Future<>();
        Future<Integer> b = new Future<>();
        Future<Integer> c = new Future<>();
        List<String> order = new ArrayList<>();
        Future<List<Integer>> all = Future.needsAll(a, b, c);
        all.onReady(f -> order.add("all ready; c " + c.state()));
        a.done(1);
        b.fail("b broke", "b");
        assertThat(all.isFailed()).isTrue();
        assertThat(all.failure()).isSameAs(b.failure());
        assertThat(c.isCancelled()).isTrue();
        assertThat(a.isDone()).isTrue();
        assertThat(order).containsExactly("all ready; c cancelled");
    }

    @Test
    void future_needsAllFailsWhenAComponentIsCancelled() {
        Future<Integer> a = new Future<>();
        Future<Integer> b = new Future<>();
        Future<List<Integer>> all = Future.needsAll(a, b);
        a.cancel();
        assertThat(all.isFailed()).isTrue();
        assertThat(all.failure().getMessage()).contains("cancelled");
        assertThat(b.isCancelled()).isTrue();
    }

    @Test
    void future_needsAllWithAnAlreadyFailedComponentFailsAtOnce() {
        Future<Integer> pending = new Future<>();
        Future<Integer> failed = Future.failedFuture("early", "c");
        Future<List<Integer>> all = Future.needsAll(pending, failed);
        assertThat(all.failure()).isSameAs(failed.failure());
        assertThat(pending.isCancelled()).isTrue();
    }

    @Test
    void future_needsAnyFirstSuccessWinsAndCancelsTheRest() {
        Future<String> a = new Future<>();
        Future<String> b = new Future<>();
        Future<String> c = new Future<>();
        Future<String> any = Future.needsAny(a, b, c);
        a.fail("a broke", "a");
        assertThat(any.isReady()).isFalse();
        b.done("b");
        assertThat(any.value()).isEqualTo("b");
        assertThat(c.isCancelled()).isTrue();
    }

    @Test
    void future_needsAnyFailsWithTheLastFailureOnlyWhenAllFail() {
        Future<String> a = new Future<>();
        Future<String> b = new Future<>();
        Future<String> c = new Future<>();
        Future<String> any = Future.needsAny(List.of(a, b, c));
        b.fail("b broke", "b");
        c.cancel();
        assertThat(any.isReady()).isFalse();
        a.fail("a broke", "a");
        assertThat(any.failure()).isSameAs(a.failure());

        Future<String> x = new Future<>();
        Future<String> allCancelled = Future.needsAny(x);
        x.cancel();
        assertThat(allCancelled.failure().getMessage()).contains("cancelled");
    }

    @Test
    void future_waitAllIsDoneWhenEveryComponentIsReadyWhateverItsState() {
        Future<String> a = new Future<>();
        Future<String> b = new Future<>();
        Future<String> c = new Future<>();
        Future<List<Future<String>>> all = Future.waitAll(List.of(a, b, c));
        a.fail("a broke", "a");
        b.cancel();
        assertThat(all.isReady()).isFalse();
        c.done("c");
        assertThat(all.value()).containsExactly(a, b, c);
        assertThat(a.isFailed()).isTrue();
    }

    @Test
    void future_waitAnyTakesTheFirstOutcomeAndCancelsTheRest() {
        Future<String> a = new Future<>();
        Future<String> b = new Future<>();
        Future<String> any = Future.waitAny(a, b);
        a.fail("a broke", "a");
        assertThat(any.failure()).isSameAs(a.failure());
        assertThat(b.isCancelled()).isTrue();

        Future<String> c = new Future<>();
        Future<String> d = new Future<>();
        Future<String> any2 = Future.waitAny(List.of(c, d));
        d.done("d");
        assertThat(any2.value()).isEqualTo("d");
        assertThat(c.isCancelled()).isTrue();
    }

    @Test
    void future_waitAnyIgnoresCancelledComponentsUnlessAllAreCancelled() {
        Future<String> a = new Future<>();
        Future<String> b = new Future<>();
        Future<String> any = Future.waitAny(a, b);
        a.cancel();
        assertThat(any.isReady()).isFalse();
        b.cancel();
        assertThat(any.isFailed()).isTrue();
        assertThat(any.failure().getMessage()).contains("cancelled");
    }

    @Test
    void future_cancellingAConvergentCancelsItsPendingComponents() {
        Future<String> doneOne = Future.doneFuture("x");
        Future<String> a = new Future<>();
        Future<List<String>> needsAll = Future.needsAll(doneOne, a);
        needsAll.cancel();
        assertThat(needsAll.isCancelled()).isTrue();
        assertThat(a.isCancelled()).isTrue();
        assertThat(doneOne.isDone()).isTrue();

        Future<String> b1 = new Future<>();
        Future<String> b2 = new Future<String>().fail("f", null);
        Future<String> needsAny = Future.needsAny(b1, b2);
        needsAny.cancel();
        assertThat(b1.isCancelled()).isTrue();
        assertThat(needsAny.isCancelled()).isTrue();

        Future<String> c = new Future<>();
        Future<List<Future<String>>> waitAll = Future.waitAll(c);
        waitAll.cancel();
        assertThat(c.isCancelled()).isTrue();
        assertThat(waitAll.isCancelled()).isTrue();

        Future<String> d1 = new Future<>();
        Future<String> d2 = new Future<>();
        Future<String> waitAny = Future.waitAny(d1, d2);
        waitAny.cancel();
        assertThat(d1.isCancelled()).isTrue();
        assertThat(d2.isCancelled()).isTrue();
        assertThat(waitAny.isCancelled()).isTrue();
    }

    @Test
    void future_convergentsOnNoComponents() {
        assertThat(Future.needsAll(List.<Future<String>>of()).value()).isEmpty();
        assertThat(Future.waitAll(List.<Future<String>>of()).value()).isEmpty();
        Future<String> needsAny = Future.needsAny(List.<Future<String>>of());
        assertThat(needsAny.isFailed()).isTrue();
        assertThat(needsAny.failure().getMessage()).contains("no component");
        Future<String> waitAny = Future.waitAny(List.<Future<String>>of());
        assertThat(waitAny.isFailed()).isTrue();
        assertThat(waitAny.failure().getMessage()).contains("no component");
    }

    @Test
    void future_convergentIsBoundToTheLoopOfTheFirstComponentThatHasOne() {
        Future<String> unbound = new Future<>();
        Future<String> bound = loop.newFuture();
        assertThat(Future.needsAll(unbound, bound).loop()).isSameAs(loop);
        assertThat(Future.needsAny(unbound, bound).loop()).isSameAs(loop);
        assertThat(Future.waitAll(unbound, bound).loop()).isSameAs(loop);
        assertThat(Future.waitAny(unbound, bound).loop()).isSameAs(loop);
        assertThat(Future.waitAll(new Future<String>()).loop()).isNull();
    }

    @Test
    void future_convergentsCompletedFromManyThreads() {
        int n = 16;
        List<Future<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new Future<>());
        }
        Future<List<Integer>> all = Future.needsAll(parts);
        CountDownLatch start = new CountDownLatch(1);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            workers.add(new Worker("part-" + i, () -> {
                await(start);
                parts.get(index).done(index);
            }));
        }
        start.countDown();
        workers.forEach(Worker::join);
        assertThat(all.get(WAIT)).hasSize(n).isSortedAccordingTo(Integer::compare).startsWith(0).endsWith(n - 1);
    }

    // ------------------------------------------------------------------ get

    @Test
    void future_getOnTheLoopThreadRunsTheLoopUntilReady() {
        Future<Void> delay = loop.delay(Duration.ofMillis(30));
        Future<String> chained = delay.transform(v -> "after delay");
        assertThat(chained.get()).isEqualTo("after delay");
        assertThat(delay.isDone()).isTrue();
    }

    @Test
    void future_getFromAnotherThreadBlocksUntilTheLoopThreadCompletesIt() {
        Future<String> f = loop.newFuture();
        AtomicReference<String> got = new AtomicReference<>();
        Worker w = new Worker("getter", () -> got.set(f.get()));
        runUntil(loop, () -> w.thread.getState() == Thread.State.WAITING, "the getter to block");
        assertThat(got.get()).isNull();
        f.done("from the loop thread");
        w.join();
        assertThat(got.get()).isEqualTo("from the loop thread");
    }

    @Test
    void future_getOnTheLoopThreadWakesWhenAnotherThreadCompletesTheFutureDirectly() {
        Future<String> f = loop.newFuture();
        AtomicReference<Worker> worker = new AtomicReference<>();
        loop.watchTimeAfter(Duration.ofMillis(10), () -> worker.set(new Worker("completer", () -> f.done("v"))));
        long start = System.nanoTime();
        assertThat(f.get(WAIT)).isEqualTo("v");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("woken, not timed out").isLessThan(WAIT.dividedBy(2));
        worker.get().join();
    }

    @Test
    void future_getOfAnUnboundFutureBlocksUntilAnotherThreadCompletesIt() {
        Future<String> f = new Future<>();
        CountDownLatch go = new CountDownLatch(1);
        Worker w = new Worker("completer", () -> {
            await(go);
            f.done("v");
        });
        go.countDown();
        assertThat(f.get()).isEqualTo("v");
        w.join();
    }

    @Test
    void future_getThrowsTheFailureOrACancellation() {
        Future<String> failed = loop.newFuture();
        loop.later(() -> failed.fail("late failure", "cat"));
        Throwable thrown = catchThrowable(failed::get);
        assertThat(thrown).isInstanceOf(FutureFailure.class).isSameAs(failed.failure());

        Future<String> cancelled = loop.newFuture();
        loop.later(cancelled::cancel);
        assertThatThrownBy(cancelled::get).isInstanceOf(CancellationException.class);
    }

    @Test
    void future_getWithATimeoutOnTheLoopThreadFailsWithCategoryTimeout() {
        Future<String> f = loop.newFuture();
        Throwable thrown = catchThrowable(() -> f.get(Duration.ofMillis(30)));
        assertThat(thrown).isInstanceOf(FutureFailure.class);
        assertThat(((FutureFailure) thrown).category()).isEqualTo("timeout");
        assertThat(thrown.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(f.isReady()).isFalse();

        Future<Void> delay = loop.delay(Duration.ofMillis(10));
        assertThat(delay.get(WAIT)).isNull();
        assertThat(delay.isDone()).isTrue();
    }

    @Test
    void future_getWithATimeoutOffTheLoopThreadFailsWithCategoryTimeout() {
        Future<String> f = new Future<>();
        Throwable thrown = catchThrowable(() -> f.get(Duration.ofMillis(20)));
        assertThat(thrown).isInstanceOf(FutureFailure.class);
        assertThat(((FutureFailure) thrown).category()).isEqualTo("timeout");
        assertThat(thrown.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(f.isReady()).isFalse();
        f.done("later");
        assertThat(f.get(Duration.ofMillis(20))).isEqualTo("later");
    }

    // ------------------------------------------------------------------ threads

    @Test
    void future_concurrentCompletionHasExactlyOneWinner() {
        int n = 8;
        for (int round = 0; round < 20; round++) {
            Future<Integer> f = new Future<>();
            AtomicInteger readyCalls = new AtomicInteger();
            f.onReady(x -> readyCalls.incrementAndGet());
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int value = i;
                workers.add(new Worker("racer-" + i, () -> {
                    await(start);
                    try {
                        f.done(value);
                    } catch (IllegalStateException already) {
                        refused.incrementAndGet();
                    }
                }));
            }
            start.countDown();
            workers.forEach(Worker::join);
            assertThat(refused).hasValue(n - 1);
            assertThat(readyCalls).hasValue(1);
            assertThat(f.value()).isBetween(0, n - 1);
        }
    }

    @Test
    void future_callbacksAddedWhileAnotherThreadCompletesRunExactlyOnce() {
        for (int round = 0; round < 20; round++) {
            Future<Integer> f = new Future<>();
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            int perThread = 200;
            Worker adder = new Worker("adder", () -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    f.onDone(v -> calls.incrementAndGet());
                }
            });
            Worker completer = new Worker("completer", () -> {
                await(start);
                f.done(1);
            });
            start.countDown();
            adder.join();
            completer.join();
            assertThat(calls).hasValue(perThread);
        }
    }

    // ------------------------------------------------------------------ unobserved failures

    @Test
    void future_unobservedFailureIsReportedWhenCollected() {
        failAndForget(loop, "nobody looks at this", "unobserved-test");
        Throwable report = awaitOneLoopError("the unobserved failure report");
        assertThat(report).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nobody observed")
                .hasMessageContaining("nobody looks at this");
        assertThat(report.getCause()).isInstanceOf(FutureFailure.class);
        assertThat(((FutureFailure) report.getCause()).category()).isEqualTo("unobserved-test");
    }

    @Test
    void future_observedFailuresAreNotReported() {
        WeakReference<Future<String>> observedLater = failObserveAndForget(loop);
        failAndForget(loop, "the control", "control");
        Throwable report = awaitOneLoopError("the control failure report");
        assertThat(report.getCause()).hasMessage("the control");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (observedLater.get() != null && System.nanoTime() - deadline < 0) {
            System.gc();
            loop.loopOnce(Duration.ofMillis(20));
        }
        assertThat(observedLater.get()).as("the observed future was collected").isNull();
        for (int i = 0; i < 5; i++) {
            System.gc();
            loop.loopOnce(Duration.ofMillis(20));
        }
        assertThat(drainLoopErrors()).isEmpty();
    }

    private static void failAndForget(Loop l, String message, String category) {
        new Future<String>(l).fail(message, category);
    }

    private static WeakReference<Future<String>> failObserveAndForget(Loop l) {
        Future<String> before = new Future<>(l);
        before.onFail(e -> { });
        before.fail("observed before", "observed");
        Future<String> after = new Future<String>(l).fail("observed after", "observed");
        after.failure();
        Future<String> viaThen = new Future<>(l);
        viaThen.then(v -> Future.doneFuture("x")).orElse(e -> Future.doneFuture("handled"));
        viaThen.fail("observed by a sequence", "observed");
        Future<String> viaGet = new Future<String>(l).fail("observed by get", "observed");
        catchThrowable(viaGet::get);
        return new WeakReference<>(after);
    }

    private Throwable awaitOneLoopError(String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (loopErrors.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            System.gc();
            loop.loopOnce(Duration.ofMillis(20));
        }
        List<Throwable> errors = drainLoopErrors();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    // ------------------------------------------------------------------ conversions

    @Test
    void future_toCompletableFutureCompletesAsTheFutureDoes() {
        Future<String> f = new Future<>();
        CompletableFuture<String> cf = f.toCompletableFuture();
        assertThat(cf.isDone()).isFalse();
        f.done("v");
        assertThat(cf.join()).isEqualTo("v");
        assertThat(f.toCompletableFuture()).isNotSameAs(cf).isCompletedWithValue("v");

        Future<String> failed = new Future<>();
        CompletableFuture<String> cfFailed = failed.toCompletableFuture();
        failed.fail("bad", "cat");
        assertThatThrownBy(cfFailed::join).isInstanceOf(CompletionException.class).hasCause(failed.failure());

        Future<String> cancelled = new Future<>();
        CompletableFuture<String> cfCancelled = cancelled.toCompletableFuture();
        cancelled.cancel();
        assertThat(cfCancelled.isCancelled()).isTrue();
        assertThatThrownBy(cfCancelled::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void future_cancellingTheCompletableFutureCancelsTheFuture() {
        Future<String> f = new Future<>();
        CompletableFuture<String> cf = f.toCompletableFuture();
        assertThat(cf.cancel(false)).isTrue();
        assertThat(f.isCancelled()).isTrue();
    }

    @Test
    void future_fromCompletionStageDeliversAnotherThreadsCompletionOnTheLoopThread() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Future.fromCompletionStage(cf, loop);
        assertThat(f.loop()).isSameAs(loop);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        f.onReady(x -> ranOn.set(Thread.currentThread()));
        new Worker("completer", () -> cf.complete("v")).join();
        assertThat(f.isReady()).as("not delivered before the loop runs").isFalse();
        awaitReady(f);
        assertThat(f.value()).isEqualTo("v");
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void future_fromCompletionStageTakesFailuresAndCancellations() {
        IOException e = new IOException("remote");
        Future<String> failed = Future.fromCompletionStage(CompletableFuture.failedFuture(e), loop);
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.failure().getCause()).isSameAs(e);

        CompletableFuture<String> wrapped = new CompletableFuture<>();
        Future<String> unwrapped = Future.fromCompletionStage(wrapped.thenApply(s -> s), null);
        wrapped.completeExceptionally(e);
        assertThat(unwrapped.failure().getCause()).isSameAs(e);

        CompletableFuture<String> toCancel = new CompletableFuture<>();
        Future<String> f = Future.fromCompletionStage(toCancel, loop);
        toCancel.cancel(false);
        assertThat(f.isCancelled()).isTrue();

        CompletableFuture<String> cancelledByUs = new CompletableFuture<>();
        Future<String> g = Future.fromCompletionStage(cancelledByUs, loop);
        g.cancel();
        assertThat(cancelledByUs.isCancelled()).isTrue();
    }

    @Test
    void future_fromCompletionStageWithoutALoopCompletesOnTheCompletingThread() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Future.fromCompletionStage(cf, null);
        assertThat(f.loop()).isNull();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        f.onReady(x -> ranOn.set(Thread.currentThread()));
        Worker w = new Worker("completer", () -> cf.complete("v"));
        w.join();
        assertThat(f.value()).isEqualTo("v");
        assertThat(ranOn.get()).isSameAs(w.thread);
    }

    // ------------------------------------------------------------------ the loop's futures

    @Test
    void future_loopDelayAndTimeoutFutures() {
        Future<Void> delay = loop.delay(Duration.ofMillis(10));
        awaitReady(delay);
        assertThat(delay.isDone()).isTrue();

        Future<Void> timeout = loop.timeout(Duration.ofMillis(10));
        awaitReady(timeout);
        assertThat(timeout.failure().category()).isEqualTo("timeout");

        int before = loop.pendingTimers();
        Future<Void> cancelled = loop.delay(Duration.ofHours(1));
        assertThat(loop.pendingTimers()).isEqualTo(before + 1);
        Future.waitAny(cancelled, loop.laterFuture()).get();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(loop.pendingTimers()).isEqualTo(before);
    }

    @Test
    void future_errorHandlerSeesCallbackErrorsWithNoNotifier() {
        List<Object> sources = new CopyOnWriteArrayList<>();
        ErrorHandler handler = (error, source) -> sources.add(source == null ? "none" : source);
        loop.errorHandler(handler);
        loop.<String>newFuture().onReady(f -> {
            throw new IllegalStateException("x");
        }).done("v");
        assertThat(sources).containsExactly("none");
    }
}
