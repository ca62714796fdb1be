package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.CompletionIoTck;

/** Runs {@link CompletionIoTck} on the select backend. */
class SelectCompletionIoTest extends CompletionIoTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
