package dev.ioasync.routine.internal;

import dev.ioasync.routine.RoutineException;
import dev.ioasync.routine.RoutineOutcome;
import dev.ioasync.routine.codec.CodecException;
import dev.ioasync.routine.codec.ValueCodec;
import java.util.List;

/**
 * What the frames from a child JVM mean, whoever reads them (a reader thread or the loop): each
 * frame becomes the event for the {@link RoutineSink}, and the last ones say how the routine
 * ended, which {@link #outcome} turns into the finish once the child has exited.
 *
 * <p>Thread rules: confined to the one thread that reads the child's frames.
 */
final class ChildFrames {

    private final Wire wire;
    private final String id;
    private final RoutineSink sink;
    private Object[] ending; // {"return", value} or {"died", RoutineException}
    private RoutineException broken;
    private final CreditWindows credit;
    /** Why the child was found ignoring its credit window, or {@code null}. */
    private String overrun;

    ChildFrames(Wire wire, String id, RoutineSink sink, CreditWindows credit) {
        this.wire = wire;
        this.id = id;
        this.sink = sink;
        this.credit = credit;
    }

    /**
     * The meaning of one frame from the child.
     *
     * @param kind its kind
     * @param ch its channel index
     * @param payload its payload
     * @return the event to deliver on the loop thread, or {@code null} (the routine's end, kept
     *     for {@link #outcome})
     * @throws MalformedFrameException when the frame may not come from a routine
     */
    Runnable frame(byte kind, int ch, byte[] payload) throws MalformedFrameException {
        switch (kind) {
            case Frames.MESSAGE -> {
                return decodeMessage(checkWindow(checkChannel(ch), payload), payload);
            }
            case Frames.TAKEN -> credit.ackedIn(checkIn(ch), payload);
            case Frames.EOF -> {
                checkChannel(ch);
                return () -> sink.eof(ch);
            }
            case Frames.RETURN -> ending = decodeReturn(payload);
            case Frames.DIE -> ending = new Object[] {"died", decodeDeath(payload)};
            default -> throw new MalformedFrameException("malformed frame: kind " + kind
                    + " may not come from a routine");
        }
        return null;
    }

    /**
     * Delivers one frame from the child at once: the loop thread's {@link #frame}.
     *
     * @param kind its kind
     * @param ch its channel index
     * @param payload its payload
     * @throws MalformedFrameException when the frame may not come from a routine
     */
    void deliver(byte kind, int ch, byte[] payload) throws MalformedFrameException {
        if (kind == Frames.MESSAGE) {
            checkWindow(checkChannel(ch), payload);
            Object v;
            try {
                v = wire.outCodecs().get(ch).decode(payload);
            } catch (RuntimeException e) {
                decodeMessage(ch, payload).run();
                return;
            }
            credit.delivered(ch, Frames.HEADER + (long) payload.length);
            sink.message(ch, v);
            return;
        }
        Runnable r = frame(kind, ch, payload);
        if (r != null) {
            r.run();
        }
    }

    /**
     * The stream from the child broke: its frames cannot be read (the child must be killed).
     *
     * @param e what was wrong
     * @return the event that fails every out-channel with category {@code codec}
     */
    Runnable malformed(MalformedFrameException e) {
        if (overrun != null) {
            String over = overrun + ", from routine " + id + "; the child is killed";
            RoutineException cause = RoutineException.of(new dev.ioasync.routine.ChannelException("read-limit", over));
            broken = cause;
            return () -> sink.broken(-1, "read-limit", over, cause);
        }
        String msg = e.getMessage() + ", from routine " + id;
        RoutineException cause = RoutineException.of(new CodecException(msg, e));
        broken = cause;
        return () -> sink.broken(-1, "codec", msg, cause);
    }

    /**
     * Reading the child failed for another reason (a bug, an {@link OutOfMemoryError}; the
     * child must be killed).
     *
     * @param t the failure
     * @return the event that fails every out-channel with category {@code died}
     */
    Runnable readerFailed(Throwable t) {
        String msg = "the reader of routine " + id + " failed: " + t;
        RoutineException cause = RoutineException.of(t);
        broken = cause;
        return () -> sink.broken(-1, "died", msg, cause);
    }

    /**
     * How the routine ended, once the child has exited.
     *
     * @param status its exit status
     * @return the outcome for {@link RoutineSink#finished}
     */
    RoutineOutcome outcome(int status) {
        if (broken != null) {
            return new RoutineOutcome("died", null, broken, status);
        } else if (ending != null && "return".equals(ending[0])) {
            return new RoutineOutcome("return", ending[1], null, status);
        } else if (ending != null) {
            return new RoutineOutcome("died", null, (RoutineException) ending[1], status);
        }
        String how = status > 128 ? " (killed by signal " + (status - 128) + ")" : "";
        return new RoutineOutcome("died", null, new RoutineException(RoutineException.class.getName(),
                "routine " + id + " exited with status " + status + how + " without a result", List.of(),
                null, null), status);
    }

    private int checkChannel(int ch) throws MalformedFrameException {
        if (ch >= wire.outCodecs().size()) {
            throw new MalformedFrameException("malformed frame: out-channel " + ch + " does not exist");
        }
        return ch;
    }

    private int checkIn(int ch) throws MalformedFrameException {
        if (ch >= wire.inCodecs().size()) {
            throw new MalformedFrameException("malformed frame: a credit report for in-channel " + ch
                    + ", which does not exist");
        }
        return ch;
    }

    /** Refuses a message past the out-channel's credit window: the child ignores it (and is killed). */
    private int checkWindow(int ch, byte[] payload) throws MalformedFrameException {
        String over = credit.arrived(ch, Frames.HEADER + (long) payload.length);
        if (over != null) {
            overrun = over;
            throw new MalformedFrameException(over);
        }
        return ch;
    }

    private Runnable decodeMessage(int ch, byte[] payload) {
        try {
            Object v = wire.outCodecs().get(ch).decode(payload);
            long bytes = Frames.HEADER + (long) payload.length;
            return () -> {
                credit.delivered(ch, bytes);
                sink.message(ch, v);
            };
        } catch (RuntimeException e) {
            String msg = "cannot decode a message on out-channel " + ch + " of routine " + id + ": " + e.getMessage();
            return () -> sink.broken(ch, "codec", msg, e);
        }
    }

    private Object[] decodeReturn(byte[] payload) {
        try {
            return new Object[] {"return", wire.resultCodec().decode(payload)};
        } catch (RuntimeException e) {
            return new Object[] {"died", RoutineException.of(new CodecException(
                    "cannot decode the result of routine " + id + ": " + e.getMessage(), e))};
        }
    }

    private RoutineException decodeDeath(byte[] payload) {
        try {
            return RemoteErrors.rebuild(ValueCodec.DEFAULT.decode(payload));
        } catch (RuntimeException e) {
            return RoutineException.of(new CodecException("cannot decode how routine " + id + " died: " + e, e));
        }
    }
}
