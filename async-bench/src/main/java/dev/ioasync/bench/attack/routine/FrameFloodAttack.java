package dev.ioasync.bench.attack.routine;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.routine.Channel;
import dev.ioasync.routine.Routine;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineModel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The 64 MiB frame attack on a Routine's channel: child JVMs (or anything that can write to
 * their stdout) announce frames of 64 MiB each, all at once.
 *
 * <ol>
 *   <li>With the default {@code maxFrameSize} (16 MiB) each routine fails with category
 *       {@code codec} at the header, and its child is killed.
 *   <li>With the limit raised to 128 MiB, each child announces 64 MiB, sends 1 MiB and exits:
 *       each routine fails with a truncated frame, having held only what arrived.
 * </ol>
 *
 * Run it with a small heap to see that neither case allocates what was announced:
 * {@code java -Xmx64m -cp async-bench/target/benchmarks.jar dev.ioasync.bench.attack.routine.FrameFloodAttack [routines]}.
 * Before the fix, the reader allocated every announced payload as soon as it read a header
 * (8 x 64 MiB), which ends in an {@link OutOfMemoryError} under that heap. Bounded: every wait
 * ends after 60 s. Exit status 0 when every routine failed cleanly with {@code codec} and left
 * no child alive, 1 otherwise.
 */
public final class FrameFloodAttack {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int ANNOUNCED = 64 << 20;

    private FrameFloodAttack() {
    }

    /** The hostile child: announces {@value #ANNOUNCED} bytes on out-channel 0, then sends what it was told. */
    public static final class HostileChild implements RoutineCode {
        private static final long serialVersionUID = 1L;

        /** Used by the child JVM. */
        public HostileChild() {
        }

        @Override
        public Object run(RoutineContext ctx) throws Exception {
            Integer send = ctx.<Integer>in(0).recv();
            FileOutputStream real = new FileOutputStream(FileDescriptor.out);
            real.write(new byte[] {(byte) 0xA5, 2, 0, 0, (byte) (ANNOUNCED >>> 24), (byte) (ANNOUNCED >>> 16),
                    (byte) (ANNOUNCED >>> 8), (byte) ANNOUNCED});
            real.write(new byte[send]);
            real.flush();
            if (send == 0) {
                return ctx.in(0).recv(); // wait to be killed
            }
            Runtime.getRuntime().halt(0);
            return null;
        }
    }

    /**
     * Runs both rounds.
     *
     * @param args the number of routines per round (default 8)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        System.out.printf("max heap %d MiB; %d routines per round, each child announcing %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, n, ANNOUNCED >> 20);
        boolean clean = round("default limit (16 MiB), header only", n, Channel.DEFAULT_MAX_FRAME_SIZE, 0);
        clean &= round("limit raised to 128 MiB, 1 MiB sent, then exit", n, 128 << 20, 1 << 20);
        System.out.printf("peak heap used: %d MiB%n", peakHeap() >> 20);
        System.out.println(clean ? "RESULT: every routine failed cleanly with codec and no child is alive"
                : "RESULT: NOT CLEAN (see above)");
        System.exit(clean ? 0 : 1);
    }

    private static boolean round(String title, int n, int limit, int send) {
        System.out.println("== " + title);
        boolean clean = true;
        try (Loop loop = Loop.create()) {
            loop.errorHandler((e, source) -> { }); // the broken channels report here; printed below instead
            List<Routine> routines = new ArrayList<>();
            List<Future<Object>> recvs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Channel<Integer> in = new Channel<>();
                Channel<Object> out = new Channel<>().maxFrameSize(limit);
                Routine r = new Routine().model(RoutineModel.PROCESS).channelsIn(in).channelsOut(out)
                        .code(HostileChild.class);
                loop.add(r);
                in.send(send);
                routines.add(r);
                recvs.add(out.recv());
            }
            for (int i = 0; i < n; i++) {
                Routine r = routines.get(i);
                String line;
                try {
                    r.result().get(WAIT);
                    line = "returned?!";
                    clean = false;
                } catch (dev.ioasync.FutureFailure f) {
                    long pid = r.pid().orElse(-1);
                    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                    String recv = recvs.get(i).isFailed() ? recvs.get(i).failure().category() : recvs.get(i).state();
                    clean &= "codec".equals(f.category()) && "codec".equals(recv) && !alive;
                    line = String.format("%s: %s (recv %s, child alive: %s)", f.category(), f.getMessage(), recv,
                            alive);
                }
                System.out.printf("  routine %d: %s%n", i, line);
            }
        }
        return clean;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
