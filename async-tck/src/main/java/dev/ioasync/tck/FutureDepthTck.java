package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Futures whose callbacks complete further futures at once, in chains as long as a program
 * makes them: a callback runs at once when its future completes (Perl's {@code Future->done}),
 * yet no chain length overflows the stack, every callback has run when the outermost
 * {@code done} returns, in the order the chain gives, a fatal JVM error deep in a chain leaves
 * the outermost {@code done} as itself, and a wait inside a deep callback sees completions that
 * nest below it.
 */
public abstract class FutureDepthTck extends AbstractLoopTck {

    /** Far more links than a thread's stack holds when each completes inside the previous one. */
    private static final int LONG = 200_000;

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected FutureDepthTck() {
    }

    @Test
    void depth_aLongChainOfThensThatCompleteAtOnceRunsInOrderWithoutOverflowing() {
        List<Integer> seen = new ArrayList<>();
        Future<Integer> head = loop.newFuture();
        Future<Integer> f = head;
        for (int i = 0; i < LONG; i++) {
            f = f.then(v -> {
                seen.add(v);
                return Future.doneFuture(v + 1);
            });
        }
        head.done(0);
        assertThat(f.isDone()).as("the last link, when the outermost done returned").isTrue();
        assertThat(f.value()).isEqualTo(LONG);
        assertThat(seen).hasSize(LONG);
        for (int i = 0; i < LONG; i++) {
            if (seen.get(i) != i) {
                throw new AssertionError("link " + i + " saw " + seen.get(i));
            }
        }
        assertThat(loopErrors).isEmpty();
    }

    @Test
    void depth_aCascadeOfOnDoneCallbacksHasRunEntirelyWhenTheOutermostDoneReturns() {
        List<Future<Integer>> links = new ArrayList<>();
        for (int i = 0; i < LONG; i++) {
            links.add(loop.newFuture());
        }
        for (int i = 0; i + 1 < LONG; i++) {
            Future<Integer> next = links.get(i + 1);
            links.get(i).onDone(v -> next.done(v + 1));
        }
        links.get(0).done(0);
        assertThat(links.get(LONG - 1).isDone()).isTrue();
        assertThat(links.get(LONG - 1).value()).isEqualTo(LONG - 1);
    }

    @Test
    void depth_aFailureAtTheHeadOfALongChainReachesItsEnd() {
        Future<Integer> head = loop.newFuture();
        Future<Integer> f = head;
        for (int i = 0; i < LONG; i++) {
            f = f.then(v -> Future.doneFuture(v + 1));
        }
        head.fail("the head failed", "test");
        assertThat(f.isFailed()).isTrue();
        assertThat(f.failure()).hasMessage("the head failed");
    }

    @Test
    void depth_cancellingTheLastLinkOfALongChainCancelsBackToItsHead() {
        Future<Integer> head = loop.newFuture();
        Future<Integer> f = head;
        for (int i = 0; i < LONG; i++) {
            f = f.then(v -> Future.doneFuture(v + 1));
        }
        f.cancel();
        assertThat(head.isCancelled()).as("the head, when the outermost cancel returned").isTrue();
        assertThat(loopErrors).isEmpty();
    }

    @Test
    void depth_aShortChainInsideACallbackStillCompletesAtOnce() {
        Future<Integer> outer = loop.newFuture();
        AtomicReference<Boolean> doneInside = new AtomicReference<>();
        outer.onDone(v -> {
            Future<Integer> head = loop.newFuture();
            Future<Integer> f = head;
            for (int i = 0; i < 8; i++) {
                f = f.transform(x -> x + 1);
            }
            head.done(v);
            doneInside.set(f.isDone() && f.value() == v + 8);
        });
        outer.done(1);
        assertThat(doneInside.get()).as("the chain completed before done returned inside the callback").isTrue();
    }

    @Test
    void depth_aLongChainOnAThreadWithoutALoopCompletesToo() throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Future<Integer> head = new Future<>();
            Future<Integer> f = head;
            for (int i = 0; i < LONG; i++) {
                f = f.then(v -> Future.doneFuture(v + 1));
            }
            head.done(0);
            result.set(f.isDone() ? f.value() : "pending");
        }, "no-loop");
        t.start();
        t.join(WAIT.toMillis());
        assertThat(result.get()).isEqualTo(LONG);
    }

    @Test
    void depth_aFatalErrorNearTheTopOfAChainLeavesTheOutermostDoneAndEveryOtherCallbackRuns() {
        fatalErrorAtLink(5);
    }

    @Test
    void depth_aFatalErrorDeepInAChainLeavesTheOutermostDoneAndEveryOtherCallbackRuns() {
        fatalErrorAtLink(5_000);
    }

    private void fatalErrorAtLink(int bad) {
        int n = 10_000;
        List<Future<Integer>> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            links.add(loop.newFuture());
        }
        OutOfMemoryError oom = new OutOfMemoryError("test: thrown by the callback of link " + bad);
        for (int i = 0; i + 1 < n; i++) {
            Future<Integer> next = links.get(i + 1);
            if (i == bad) {
                links.get(i).onDone(v -> {
                    throw oom;
                });
            }
            links.get(i).onDone(v -> next.done(v + 1));
        }
        assertThatThrownBy(() -> links.get(0).done(0)).isSameAs(oom);
        assertThat(links.get(n - 1).isDone()).as("the links after the failing callback").isTrue();
        assertThat(loopErrors).as("a fatal error is not an ordinary callback error").isEmpty();
        List<String> after = new ArrayList<>();
        loop.later(() -> after.add("ran"));
        loop.loopOnce(java.time.Duration.ZERO);
        assertThat(after).as("the loop goes on").containsExactly("ran");
    }

    @Test
    void depth_aWaitOnTheLoopThreadInsideADeepCallbackSeesCompletionsQueuedBelowIt() {
        List<Future<Integer>> links = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            links.add(loop.newFuture());
        }
        Future<String> last = loop.newFuture();
        links.get(99).onDone(v -> last.done("reached"));
        AtomicReference<Object> seenInside = new AtomicReference<>();
        for (int i = 0; i + 1 < 100; i++) {
            Future<Integer> next = links.get(i + 1);
            links.get(i).onDone(v -> next.done(v + 1));
        }
        // a callback early in the chain completes the chain's head and waits for its end
        Future<Integer> start = loop.newFuture();
        start.onDone(v -> {
            links.get(0).done(0);
            seenInside.set(last.get(WAIT));
        });
        // nest the start itself deep enough that the chain's completions are queued
        Future<Integer> deepHead = loop.newFuture();
        Future<Integer> d = deepHead;
        for (int i = 0; i < 64; i++) {
            d = d.transform(x -> x + 1);
        }
        d.onDone(start::done);
        long t0 = System.nanoTime();
        deepHead.done(0);
        assertThat(seenInside.get()).isEqualTo("reached");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0))
                .as("the wait ran the queued completions and did not sleep in the poll until its time ran out")
                .isLessThan(WAIT.dividedBy(2));
    }

    @Test
    void depth_aBlockingWaitOnAnotherThreadInsideADeepCallbackSeesCompletionsQueuedBelowIt()
            throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Future<String> last = new Future<>();
            Future<Integer> chainHead = new Future<>();
            Future<Integer> c = chainHead;
            for (int i = 0; i < 100; i++) {
                c = c.transform(x -> x + 1);
            }
            c.onDone(v -> last.done("reached " + v));
            Future<Integer> deepHead = new Future<>();
            Future<Integer> d = deepHead;
            for (int i = 0; i < 64; i++) {
                d = d.transform(x -> x + 1);
            }
            d.onDone(v -> {
                chainHead.done(0);
                result.set(last.get(WAIT));
            });
            deepHead.done(0);
        }, "no-loop-wait");
        t.start();
        t.join(WAIT.toMillis() * 2);
        assertThat(result.get()).isEqualTo("reached 100");
    }
}
