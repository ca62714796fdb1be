package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopGroupTck;

/** Runs {@link LoopGroupTck} on the select backend. */
class SelectLoopGroupTest extends LoopGroupTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
