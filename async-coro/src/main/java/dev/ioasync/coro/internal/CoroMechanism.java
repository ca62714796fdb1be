package dev.ioasync.coro.internal;

/**
 * How coros are suspended and resumed: {@code jdk.internal.vm.Continuation} on the loop's thread,
 * or a virtual thread per coro with a baton hand-off. {@link Mechanisms#selected()} picks one.
 */
public interface CoroMechanism {

    /** {@return the mechanism's name: {@code continuation} or {@code virtual-thread}} */
    String name();

    /**
     * {@return whether strands run on the thread that resumes them (the loop's thread)}; when
     * {@code false} each strand has a thread of its own, and loop calls from it must be handed to
     * the driver
     */
    boolean runsOnDriverThread();

    /**
     * Makes a strand that will run {@code body} at its first {@link Strand#resume()}.
     *
     * @param id the coro's id, for a name to debug with (a thread name, for instance), made only
     *     where one is needed: a coro's start is on the hot path of async+join
     * @param body what the strand runs; it must not throw
     * @return the new, not yet started strand
     */
    Strand newStrand(long id, Runnable body);

    /**
     * {@return the mechanism one scheduler uses}: this one where strands share nothing, or a
     * fresh instance holding what the strands of one scheduler share (the fallback's driver baton)
     */
    default CoroMechanism forScheduler() {
        return this;
    }
}
