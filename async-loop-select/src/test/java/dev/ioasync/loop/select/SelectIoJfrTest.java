package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.IoJfrTck;

/** Runs {@link IoJfrTck} on the select backend. */
class SelectIoJfrTest extends IoJfrTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
