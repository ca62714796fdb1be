package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.DirectThenHeapWriteTck;

/** Runs {@link DirectThenHeapWriteTck} on the select backend. */
class SelectDirectThenHeapWriteTest extends DirectThenHeapWriteTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
