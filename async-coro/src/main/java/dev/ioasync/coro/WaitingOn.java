package dev.ioasync.coro;

/**
 * What a blocked coro waits on, as Coro::Debug's {@code ps} shows it ({@code join Coro#7},
 * {@code sleep PT1S}): kept as a verb and an object, and made into text only when listed, so that
 * a wait costs no string building.
 *
 * @param verb what it does, for example {@code join}
 * @param target what it waits for
 */
record WaitingOn(String verb, Object target) {

    @Override
    public String toString() {
        return verb + " " + target;
    }
}
