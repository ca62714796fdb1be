package dev.ioasync.examples;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Channel;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineModel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The IO::Async::Routine synopsis: a routine receives a list of numbers on one channel and sends
 * their total back on another, once in each model (a platform thread, a virtual thread, a child
 * JVM).
 */
public final class RoutineExample implements Example {

    /** The routine's body: only its channel ends, so it can run in a child JVM too. */
    static final RoutineCode SUM = ctx -> {
        List<Integer> nums = ctx.<List<Integer>>in(0).recv();
        int ret = 0;
        for (int n : nums) {
            ret += n;
        }
        ctx.out(0).send(ret);
        return null;
    };

    /** Creates the example. */
    public RoutineExample() {
    }

    @Override
    public String name() {
        return "routine";
    }

    @Override
    public String summary() {
        return "IO::Async::Routine: sum 10, 20, 30 through two channels, in a thread, a virtual thread and a child JVM";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        for (RoutineModel model : RoutineModel.values()) {
            Channel<List<Integer>> numsCh = new Channel<>();
            Channel<Integer> retCh = new Channel<>();
            String tag = model.name().toLowerCase(java.util.Locale.ROOT);
            Routine routine = new Routine().model(model).channelsIn(numsCh).channelsOut(retCh).code(SUM)
                    .onDie(e -> out.println("  " + tag + ": The routine aborted early - " + e.getMessage()));
            loop.add(routine);
            numsCh.send(List.of(10, 20, 30));
            Future<Integer> total = retCh.recv().onDone(t -> out.println("  " + tag + ": The total of 10, 20, 30 is: " + t));
            total.get(Duration.ofSeconds(30));
            routine.result().get(Duration.ofSeconds(30));
            loop.remove(routine);
        }
    }
}
