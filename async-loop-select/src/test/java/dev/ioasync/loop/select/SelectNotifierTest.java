package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.NotifierTck;

/** Runs {@link NotifierTck} on the select backend. */
class SelectNotifierTest extends NotifierTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
