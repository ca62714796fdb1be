package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.IoWatchTck;

/** Runs {@link IoWatchTck} on the select backend. */
class SelectIoWatchTest extends IoWatchTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
