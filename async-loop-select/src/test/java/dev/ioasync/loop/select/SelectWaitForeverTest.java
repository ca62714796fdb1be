package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WaitForeverTck;

/** Runs {@link WaitForeverTck} on the select backend. */
class SelectWaitForeverTest extends WaitForeverTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
