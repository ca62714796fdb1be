package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TimerNotifierTck;

/** Runs {@link TimerNotifierTck} on the select backend. */
class SelectTimerNotifierTest extends TimerNotifierTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
