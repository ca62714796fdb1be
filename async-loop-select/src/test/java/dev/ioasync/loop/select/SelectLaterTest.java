package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LaterTck;

/** Runs {@link LaterTck} on the select backend. */
class SelectLaterTest extends LaterTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
