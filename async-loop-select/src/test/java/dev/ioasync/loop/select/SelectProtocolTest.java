package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ProtocolTck;

/** Runs {@link ProtocolTck} on the select backend. */
class SelectProtocolTest extends ProtocolTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
