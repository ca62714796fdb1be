package com.example.consumer;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.routine.Function;
import dev.ioasync.routine.RoutineModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a small program does with ioasync-java: a timer, a coro and a Function call on one loop. */
public final class App {

    private App() {
    }

    /**
     * Runs the three steps on {@code loop}.
     *
     * @return what happened, in order
     */
    public static List<String> run(Loop loop) {
        List<String> done = new ArrayList<>();

        // a timer future
        loop.delay(Duration.ofMillis(5)).get(Duration.ofSeconds(10));
        done.add("timer");

        // a coro that sleeps on the loop's timers, joined by the main coro
        CoroScheduler.of(loop);
        Coro coro = Coro.async(() -> {
            Coro.sleep(Duration.ofMillis(5));
            done.add("coro");
        });
        coro.join(Duration.ofSeconds(10));

        // a Function call served by a worker thread
        Function add = new Function().code(args -> (Integer) args[0] + (Integer) args[1]).model(RoutineModel.THREAD);
        loop.add(add);
        Future<Object> sum = add.call(1, 2);
        done.add("function=" + sum.get(Duration.ofSeconds(10)));
        add.stop().get(Duration.ofSeconds(10));
        return done;
    }

    /**
     * Runs the steps on the best loop, or on the backends named by the first argument (then a
     * backend that cannot run prints its reason instead).
     */
    public static void main(String[] args) {
        if (args.length > 0) {
            try (Loop loop = Loop.create(args[0])) {
                System.out.println(loop.backend() + " " + run(loop));
            } catch (BackendUnavailableException e) {
                System.out.println("unavailable: " + e.getMessage());
            }
            return;
        }
        try (Loop loop = Loop.create()) {
            System.out.println(loop.backend() + " " + run(loop));
        }
    }
}
