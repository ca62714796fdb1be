package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.StreamOwnedWriteTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link StreamOwnedWriteTck} on the io_uring backend. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringStreamOwnedWriteTest extends StreamOwnedWriteTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider();
    }
}
