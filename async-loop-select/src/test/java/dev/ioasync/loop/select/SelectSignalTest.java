package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.SignalTck;

/** Runs {@link SignalTck} on the select backend. */
class SelectSignalTest extends SignalTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
