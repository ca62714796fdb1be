package dev.ioasync.coro;

import dev.ioasync.Loop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** A real select loop and its scheduler per test; every test is bounded. */
@Timeout(20)
abstract class CoroTestBase {

    Loop loop;
    CoroScheduler sched;
    final List<String> trace = new ArrayList<>();

    @BeforeEach
    void openLoop() {
        loop = Loop.create("select");
        sched = CoroScheduler.of(loop);
    }

    @AfterEach
    void closeLoop() {
        try {
            sched.onDeadlock(null);
            Coro.killall();
        } finally {
            loop.close();
        }
    }

    void log(String s) {
        trace.add(s);
    }

    /** Runs the scheduler until {@code c} has ended. */
    static void finish(Coro c) {
        c.join();
    }
}
