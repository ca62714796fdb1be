package dev.ioasync.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child so that nothing it or its descendants write to its piped output is lost: the
 * output is read to its real end of file (every writer closed the pipe), not only until the
 * child exits, as IO::Async's {@code on_finish} waits for.
 *
 * <p>Each piped output goes through a named pipe of ours ({@link OutputFifo}), which the JDK
 * never touches after the start. Where FIFOs cannot be made ({@link Fifos}), the JDK's pipes are
 * used, and kept open past the child's exit as well as can be: the first output's pump starts the
 * child on its own thread and holds the JDK stream at once (see {@link OutputPump}), each further
 * output's pump just after; the JDK's exit hook, which drains and closes the pipes, waits on each
 * held stream, standard output first. The start thread can still lose that race when the child
 * exits within microseconds and the thread is descheduled just then; the FIFOs have no race.
 */
final class ChildStart {

    private ChildStart() {
    }

    /**
     * Starts the child and the pumps of its piped outputs; returns once each pump holds its stream.
     *
     * @param builder the child
     * @param outputs the pumps of its piped outputs, standard output first; may be empty
     * @return the started child
     * @throws IOException when it cannot start
     */
    static java.lang.Process start(ProcessBuilder builder, List<OutputPump> outputs) throws IOException {
        if (outputs.isEmpty()) {
            return builder.start();
        }
        List<OutputFifo> fifos = openFifos(outputs.size());
        if (fifos.isEmpty()) {
            return startHolding(builder, outputs);
        }
        java.lang.Process child;
        try {
            for (int i = 0; i < outputs.size(); i++) {
                ProcessBuilder.Redirect to = fifos.get(i).redirect();
                if (outputs.get(i).role().equals("stderr")) {
                    builder.redirectError(to);
                } else {
                    builder.redirectOutput(to);
                }
            }
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            fifos.forEach(OutputFifo::close);
            throw e;
        }
        fifos.forEach(OutputFifo::release);
        for (int i = 0; i < outputs.size(); i++) {
            outputs.get(i).attach(fifos.get(i).reader());
            outputs.get(i).start(child.pid());
        }
        return child;
    }

    private static List<OutputFifo> openFifos(int n) {
        List<java.nio.file.Path> paths = Fifos.take(n);
        List<OutputFifo> open = new ArrayList<>(paths.size());
        try {
            for (java.nio.file.Path p : paths) {
                open.add(OutputFifo.open(p));
            }
        } catch (IOException e) {
            Pump.debug("cannot open a fresh FIFO; using the JDK's pipes for this child", e);
            open.forEach(OutputFifo::close);
            paths.forEach(p -> p.toFile().delete());
            return List.of();
        }
        return open;
    }

    private static java.lang.Process startHolding(ProcessBuilder builder, List<OutputPump> outputs)
            throws IOException {
        java.lang.Process child = outputs.get(0).startChild(builder);
        for (OutputPump more : outputs.subList(1, outputs.size())) {
            more.attach(child);
            more.start(child.pid());
            more.awaitHolding();
        }
        return child;
    }
}
