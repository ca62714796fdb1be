package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TimerTck;

/** Runs {@link TimerTck} on the select backend. */
class SelectTimerTest extends TimerTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
