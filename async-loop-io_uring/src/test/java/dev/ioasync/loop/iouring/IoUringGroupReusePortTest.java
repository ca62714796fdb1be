package dev.ioasync.loop.iouring;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.GroupReusePortTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link GroupReusePortTck} on the io_uring backend: a socket per loop. */
@ExtendWith(IoUringAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class IoUringGroupReusePortTest extends GroupReusePortTck {
    @Override
    protected LoopProvider provider() {
        return new IoUringLoopProvider();
    }

    @Override
    protected boolean expectsReusePort() {
        return true;
    }
}
