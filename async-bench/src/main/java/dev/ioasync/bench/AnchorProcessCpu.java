package dev.ioasync.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of {@link FunctionProcessCpu} measured the same way: the independent anchor's
 * {@code process_w2_pipelined200} ({@code ../shared/anchors/java}, {@code JdkFunction} with its
 * {@code anchors.FunctionWorker} child JVMs, which it starts from the anchors' jar), repeated
 * here line for line (raw ints over the JDK's process pipes, one reader thread per worker handing
 * results to the caller thread, which writes the next call to the same worker and flushes once
 * per batch of results), so that its CPU time and system calls per call can be set beside
 * ioasync's from the same run: the parent JVM (caller and reader threads), the children, and the
 * read and write system calls of each side ({@code /proc/PID/io}).
 *
 * <pre>
 * java -cp benchmarks.jar dev.ioasync.bench.AnchorProcessCpu ANCHORS_JAR [calls=400000] [rounds=3]
 * </pre>
 */
public final class AnchorProcessCpu {

    private static final int PIPELINE = FunctionBench.PIPELINE;

    private AnchorProcessCpu() {
    }

    /** A result handed to the caller thread. */
    private record Res(int id, int value, int worker) {
    }

    /** One anchor worker JVM and its pipes; calls are written by the caller thread only. */
    private static final class Worker {
        final Process proc;
        final DataOutputStream out;
        final DataInputStream in;
        boolean dirty;

        Worker(List<String> cmd) throws IOException {
            proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new DataOutputStream(new BufferedOutputStream(proc.getOutputStream(), 65536));
            in = new DataInputStream(new BufferedInputStream(proc.getInputStream(), 65536));
        }

        void send(int id, int a, int b) throws IOException {
            out.writeInt(12);
            out.writeInt(id);
            out.writeInt(a);
            out.writeInt(b);
            dirty = true;
        }

        void flush() throws IOException {
            if (dirty) {
                out.flush();
                dirty = false;
            }
        }

        void startReader(AnchorInbox<Res> inbox, int index) {
            Thread.ofPlatform().daemon().name("worker-reader-" + index).start(() -> {
                try {
                    while (true) {
                        int len = in.readInt();
                        int id = in.readInt();
                        int v = in.readInt();
                        if (len > 8) {
                            in.skipNBytes(len - 8);
                        }
                        inbox.post(new Res(id, v, index));
                    }
                } catch (EOFException eof) {
                    // the worker closed its stdout
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args the anchors' jar, calls per round, rounds
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", jar,
                "anchors.FunctionWorker");
        Worker[] ws = {new Worker(cmd), new Worker(cmd)};
        AnchorInbox<Res> inbox = new AnchorInbox<>();
        for (int k = 0; k < ws.length; k++) {
            ws[k].startReader(inbox, k);
        }
        List<Long> pids = new ArrayList<>();
        for (Worker w : ws) {
            pids.add(w.proc.pid());
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        pipelined(ws, inbox, calls); // warm-up
        String name = "anchor_process_w2_pipelined200";
        for (int r = 0; r < rounds; r++) {
            long child0 = FunctionProcessCpu.childCpu(pids);
            long[] io0 = FunctionProcessCpu.io(List.of(ProcessHandle.current().pid()));
            long[] childIo0 = FunctionProcessCpu.io(pids);
            long proc0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            pipelined(ws, inbox, calls);
            long wall = System.nanoTime() - t0;
            long proc = os.getProcessCpuTime() - proc0;
            long child = FunctionProcessCpu.childCpu(pids) - child0;
            long[] io1 = FunctionProcessCpu.io(List.of(ProcessHandle.current().pid()));
            long[] childIo1 = FunctionProcessCpu.io(pids);
            FunctionProcessCpu.result(name + "_rate", calls / (wall / 1e9), "calls/s");
            FunctionProcessCpu.result(name + "_parent_jvm_ns_per_call", (double) proc / calls, "ns/call");
            FunctionProcessCpu.result(name + "_children_ns_per_call", (double) child / calls, "ns/call");
            FunctionProcessCpu.ioResults(name, calls, io0, io1, childIo0, childIo1);
        }
        for (Worker w : ws) {
            w.out.close();
            if (!w.proc.waitFor(5, TimeUnit.SECONDS)) {
                w.proc.destroyForcibly();
            }
        }
    }

    /** The anchor's pipelinedProcess, bounded by calls instead of time. */
    private static void pipelined(Worker[] ws, AnchorInbox<Res> inbox, int calls) throws IOException {
        int issued = 0;
        int inflight = 0;
        for (; issued < PIPELINE; issued++, inflight++) {
            ws[issued % ws.length].send(issued, issued, 1);
        }
        for (Worker wk : ws) {
            wk.flush();
        }
        while (inflight > 0) {
            Res r = inbox.take();
            do {
                if (r.value != r.id + 1) {
                    throw new IllegalStateException("bad result " + r);
                }
                inflight--;
                if (issued < calls) {
                    ws[r.worker].send(issued, issued, 1);
                    issued++;
                    inflight++;
                }
            } while ((r = inbox.poll()) != null);
            for (Worker wk : ws) {
                wk.flush();
            }
        }
    }
}
