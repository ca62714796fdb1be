package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.MisuseTck;

/** Runs {@link MisuseTck} on the select backend. */
class SelectMisuseTest extends MisuseTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
