package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopControlTck;

/** Runs {@link LoopControlTck} on the select backend. */
class SelectLoopControlTest extends LoopControlTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
