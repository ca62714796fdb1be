package dev.ioasync.routine.internal;

import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.codec.Codec;
import java.util.HashSet;
import java.util.Set;

/**
 * The routine code of a Function worker in a child JVM: receive the arguments of one call on
 * in-channel 0 (encoded by {@code argsCodec} when the call was made), run the function, send
 * {@code ["r", result]} or {@code ["e", exception]} on out-channel 0, and repeat until end of
 * stream, an exception with {@code exitOnDie}, or {@code maxCalls} calls.
 *
 * <p>The parent may send calls ahead (pipelining). The calls are numbered from 0 in the order they
 * arrive; in-channel 1 carries the numbers of calls the parent withdrew (cancelled, or taken back
 * for another worker). Before it starts a call, the worker reads the withdrawals that have
 * arrived, and answers a withdrawn call with {@code ["s"]} (skipped) instead of running it. Every
 * call gets exactly one answer, in call order. Results are flushed to the parent when no further
 * call has arrived, so a burst of calls is answered with one write.
 *
 * @param code the function
 * @param argsCodec the codec that encoded the arguments
 * @param exitOnDie whether an exception ends the worker
 * @param maxCalls calls after which the worker ends, or 0 for no limit
 */
public record FunctionWorkerBody(FunctionCode code, Codec argsCodec, boolean exitOnDie, int maxCalls)
        implements RoutineCode {

    private static final long serialVersionUID = 1L;

    /** The tag of a result message. */
    public static final String RESULT = "r";
    /** The tag of an exception message. */
    public static final String ERROR = "e";
    /** The tag of the answer to a withdrawn call, which did not run. */
    public static final String SKIPPED = "s";

    /**
     * The time after a look for withdrawals before the worker looks again before a call, in
     * nanoseconds: {@value}.
     */
    public static final long WITHDRAWAL_LOOK_NANOS = 20_000;

    @Override
    public Object run(RoutineContext ctx) throws Exception {
        RoutineChannel<byte[]> in = ctx.in(0);
        RoutineChannel<Object[]> out = ctx.out(0);
        ChildPipes pipes = ctx instanceof ChildPipes p ? p : null;
        boolean remote = ctx.model() == RoutineModel.PROCESS;
        Set<Long> withdrawn = new HashSet<>();
        long number = 0;
        int calls = 0;
        long lastLook = System.nanoTime() - WITHDRAWAL_LOOK_NANOS;
        byte[] encoded;
        while ((encoded = in.recv()) != null) {
            long n = number++;
            if (pipes != null && System.nanoTime() - lastLook >= WITHDRAWAL_LOOK_NANOS) {
                lookForWithdrawals(pipes, withdrawn, n);
                lastLook = System.nanoTime();
            }
            if (!withdrawn.isEmpty() && withdrawn.remove(n)) {
                answer(out, pipes, new Object[] {SKIPPED});
                continue;
            }
            boolean died = false;
            try {
                Object r = code.apply((Object[]) argsCodec.decode(encoded));
                try {
                    answer(out, pipes, new Object[] {RESULT, r});
                } catch (RuntimeException cannotEncode) {
                    if (!remote) {
                        throw cannotEncode;
                    }
                    died = true;
                    answer(out, pipes, new Object[] {ERROR, RemoteErrors.describe(cannotEncode)});
                }
            } catch (Exception e) {
                died = true;
                answer(out, pipes, new Object[] {ERROR, remote ? RemoteErrors.describe(e) : RoutineException.of(e)});
            }
            calls++;
            if (died && exitOnDie || maxCalls > 0 && calls >= maxCalls) {
                if (pipes != null) {
                    pipes.flush();
                }
                return calls;
            }
        }
        return calls;
    }

    /** Reads the withdrawals that have arrived into {@code withdrawn}, but those of calls before {@code n}. */
    private static void lookForWithdrawals(ChildPipes pipes, Set<Long> withdrawn, long n) {
        Object w;
        while ((w = pipes.poll(1)) != null) {
            long k = ((Number) w).longValue();
            if (k >= n) { // a withdrawal of a call already answered is moot
                withdrawn.add(k);
            }
        }
    }

    /** Sends an answer; in a child JVM it is flushed only when no further call has arrived. */
    private static void answer(RoutineChannel<Object[]> out, ChildPipes pipes, Object[] message) {
        if (pipes == null) {
            out.send(message);
            return;
        }
        pipes.sendHeld(0, message);
        if (!pipes.ready(0)) {
            pipes.flush();
        }
    }
}
