package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.LoopIoMetricsTck;

/** Runs {@link LoopIoMetricsTck} on the select backend. */
class SelectLoopIoMetricsTest extends LoopIoMetricsTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }
}
