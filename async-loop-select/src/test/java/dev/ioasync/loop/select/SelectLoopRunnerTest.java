package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopRunnerTck;

/** Runs {@link LoopRunnerTck} (the testkit) on the select backend. */
class SelectLoopRunnerTest extends LoopRunnerTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
