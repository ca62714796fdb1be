package dev.ioasync.stream;

import dev.ioasync.Future;

/** A temporary read handler in a {@link Stream}'s read queue, with the future it completes (if any). */
final class PendingRead {

    ReadHandler handler;
    final Future<?> future;

    PendingRead(ReadHandler handler, Future<?> future) {
        this.handler = handler;
        this.future = future;
    }
}
