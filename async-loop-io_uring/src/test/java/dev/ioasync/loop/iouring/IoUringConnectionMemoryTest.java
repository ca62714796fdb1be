package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.ConnectionMemoryTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link ConnectionMemoryTck} on the io_uring backend. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringConnectionMemoryTest extends ConnectionMemoryTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider();
    }
}
