package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectionMemoryTck;

/** Runs {@link ConnectionMemoryTck} on the select backend. */
class SelectConnectionMemoryTest extends ConnectionMemoryTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
