package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopJmxTck;

/** Runs {@link LoopJmxTck} on the select backend. */
class SelectLoopJmxTest extends LoopJmxTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
