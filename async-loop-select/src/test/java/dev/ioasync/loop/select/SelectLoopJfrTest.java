package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopJfrTck;

/** Runs {@link LoopJfrTck} on the select backend. */
class SelectLoopJfrTest extends LoopJfrTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
