package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TimerTieTck;

/** Runs {@link TimerTieTck} on the select backend. */
class SelectTimerTieTest extends TimerTieTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
