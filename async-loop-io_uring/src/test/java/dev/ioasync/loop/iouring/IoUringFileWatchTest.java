package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.FileWatchTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link FileWatchTck} on the io_uring backend. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringFileWatchTest extends FileWatchTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider();
    }
}
