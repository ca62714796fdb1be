package dev.ioasync.coro;

import dev.ioasync.Loop;

/** A small Coro program for {@link MechanismLogTest}, run in a child JVM: one coro, joined. */
public final class MechanismLogMain {

    private MechanismLogMain() {
    }

    /**
     * Runs one coro and prints the mechanism on stdout.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Loop loop = Loop.create("select")) {
            CoroScheduler s = CoroScheduler.of(loop);
            Coro.async(Coro::cede).join();
            System.out.println("mechanism=" + s.mechanism());
        }
    }
}
