package dev.ioasync.coro;

/**
 * One row of {@link Coro#list()} and of a {@link DeadlockException} report (Coro::Debug's
 * {@code ps}).
 *
 * @param id the coro's id (the main coro is 1)
 * @param desc its description, or {@code null}
 * @param state {@code running}, {@code ready}, {@code blocked}, {@code suspended}, {@code new} or
 *     {@code zombie}
 * @param prio its priority
 * @param waitingOn what it waits on ({@code Semaphore.down}, {@code sleep PT1S}, ...), or
 *     {@code null}
 */
public record CoroInfo(long id, String desc, String state, int prio, String waitingOn) {

    /** {@return this row as one line of the {@code ps} table} */
    public String row() {
        return String.format("%6d %-9s %4d  %-24s %s", id, state, prio, desc == null ? "-" : desc,
                waitingOn == null ? "-" : waitingOn);
    }

    /** {@return the header line of the {@code ps} table} */
    public static String header() {
        return String.format("%6s %-9s %4s  %-24s %s", "ID", "STATE", "PRIO", "DESC", "WAITING ON");
    }
}
