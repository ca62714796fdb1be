package dev.ioasync.loop.epoll;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.TlsDeadlineTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs {@link TlsDeadlineTck} on the epoll backend. */
@ExtendWith(EpollAvailableCondition.class)
@EnabledOnOs(OS.LINUX)
class EpollTlsDeadlineTest extends TlsDeadlineTck {
    @Override
    protected LoopProvider provider() {
        return new EpollLoopProvider();
    }
}
