package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopMetricsTck;

/** Runs {@link LoopMetricsTck} on the select backend. */
class SelectLoopMetricsTest extends LoopMetricsTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
