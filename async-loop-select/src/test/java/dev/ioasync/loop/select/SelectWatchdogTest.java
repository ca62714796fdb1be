package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WatchdogTck;

/** Runs {@link WatchdogTck} on the select backend. */
class SelectWatchdogTest extends WatchdogTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
