package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.WriteToResetPeerTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link WriteToResetPeerTck} on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollWriteToResetPeerTest extends WriteToResetPeerTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
