package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.GroupReusePortTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link GroupReusePortTck} on the epoll backend: a socket per loop. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollGroupReusePortTest extends GroupReusePortTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }

    @Override
    protected boolean expectsReusePort() {
        return true;
    }
}
