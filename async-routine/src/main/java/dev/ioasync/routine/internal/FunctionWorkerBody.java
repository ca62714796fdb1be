package dev.ioasync.routine.internal;

import dev.ioasync.routine.FunctionCode;
import dev.ioasync.routine.RoutineChannel;
import dev.ioasync.routine.RoutineCode;
import dev.ioasync.routine.RoutineContext;
import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineModel;
import dev.ioasync.routine.codec.Codec;

/**
 * The routine code of a Function worker in a child JVM: receive the arguments of one call on
 * in-channel 0 (encoded by {@code argsCodec} when the call was made), run the function, send
 * {@code ["r", result]} or {@code ["e", exception]} on out-channel 0, and repeat until end of
 * stream, an exception with {@code exitOnDie}, or {@code maxCalls} calls.
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

    @Override
    public Object run(RoutineContext ctx) throws Exception {
        RoutineChannel<byte[]> in = ctx.in(0);
        RoutineChannel<Object[]> out = ctx.out(0);
        boolean remote = ctx.model() == RoutineModel.PROCESS;
        int calls = 0;
        byte[] encoded;
        while ((encoded = in.recv()) != null) {
            boolean died = false;
            try {
                Object r = code.apply((Object[]) argsCodec.decode(encoded));
                try {
                    out.send(new Object[] {RESULT, r});
                } catch (RuntimeException cannotEncode) {
                    if (!remote) {
                        throw cannotEncode;
                    }
                    died = true;
                    out.send(new Object[] {ERROR, RemoteErrors.describe(cannotEncode)});
                }
            } catch (Exception e) {
                died = true;
                out.send(new Object[] {ERROR, remote ? RemoteErrors.describe(e) : RoutineException.of(e)});
            }
            calls++;
            if (died && exitOnDie || maxCalls > 0 && calls >= maxCalls) {
                return calls;
            }
        }
        return calls;
    }
}
