package dev.ioasync.process;

import java.io.IOException;
import java.util.List;

/**
 * Starts a child so that nothing it or its descendants write to its piped output is lost: the
 * output is read to its real end of file (every writer closed the pipe), not only until the
 * child exits, as IO::Async's {@code on_finish} waits for.
 *
 * <p>The first piped output's pump starts the child on its own thread and holds the JDK stream
 * at once (see {@link OutputPump}); each further output's pump takes its stream just after. The
 * JDK's exit hook visits standard output before standard error and waits on each held stream in
 * turn, so a second stream is safe as soon as it is held, which happens microseconds after the
 * start and long before the first stream can have reached its end of file.
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
        java.lang.Process child = outputs.get(0).startChild(builder);
        for (OutputPump more : outputs.subList(1, outputs.size())) {
            more.attach(child);
            more.start(child.pid());
            more.awaitHolding();
        }
        return child;
    }
}
