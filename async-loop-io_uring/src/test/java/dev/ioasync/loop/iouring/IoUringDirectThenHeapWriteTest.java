package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.DirectThenHeapWriteTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link DirectThenHeapWriteTck} on the io_uring backend. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringDirectThenHeapWriteTest extends DirectThenHeapWriteTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider();
    }
}
