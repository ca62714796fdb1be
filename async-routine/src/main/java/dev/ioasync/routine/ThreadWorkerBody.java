package dev.ioasync.routine;

import dev.ioasync.routine.codec.Codec;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;

/**
 * The routine code of a Function worker in a thread model: take the next call from the
 * Function's {@link CallQueue} (waiting if none), run it, post it with its result to the
 * {@link ResultMailbox}, and repeat, with no round trip through the loop between calls. It ends
 * when asked to stop (after the call it runs), after an exception with {@code exitOnDie}, or after
 * {@code maxCalls} calls; an interrupt (a kill) while it waits ends it by
 * {@link InterruptedException}. An {@link Error} from the code ends it too, and the Function fails
 * the call it was running; a {@link VirtualMachineError} then goes on up the thread (see
 * {@link dev.ioasync.routine.internal.ThreadTransport}). The arguments are decoded from the bytes
 * the call encoded, so the code sees them as they were at the call.
 *
 * <p>Never leaves this JVM: it holds the queue and the mailbox, so serializing it throws.
 */
final class ThreadWorkerBody implements RoutineCode {

    private static final long serialVersionUID = 1L;

    private final transient FunctionCode code;
    private final transient Codec codec;
    private final transient CallQueue queue;
    private final transient ResultMailbox mailbox;
    private final transient FunctionWorker worker;
    private final boolean exitOnDie;
    private final int maxCalls;

    ThreadWorkerBody(FunctionCode code, Codec codec, CallQueue queue, ResultMailbox mailbox, FunctionWorker worker,
                     boolean exitOnDie, int maxCalls) {
        this.code = code;
        this.codec = codec;
        this.queue = queue;
        this.mailbox = mailbox;
        this.worker = worker;
        this.exitOnDie = exitOnDie;
        this.maxCalls = maxCalls;
    }

    @Override
    public Object run(RoutineContext ctx) throws InterruptedException {
        int calls = 0;
        PendingCall c;
        while ((c = queue.take(worker)) != null) {
            boolean died = false;
            try {
                c.result = code.apply(c.values != null ? c.values : (Object[]) codec.decode(c.args));
            } catch (Exception e) {
                c.result = RoutineException.of(e);
                c.failed = true;
                died = true;
            }
            c.doneBy = worker;
            mailbox.post(c);
            worker.running = null;
            calls++;
            if (died && exitOnDie || maxCalls > 0 && calls >= maxCalls) {
                break;
            }
        }
        return calls;
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("a thread worker of a Function never leaves its JVM");
    }
}
