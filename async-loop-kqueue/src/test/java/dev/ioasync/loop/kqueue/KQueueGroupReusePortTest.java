package dev.ioasync.loop.kqueue;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.GroupReusePortTck;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs {@link GroupReusePortTck} on the kqueue backend (macOS and the BSDs; skipped elsewhere
 * with Netty's cause): one acceptor, since their {@code SO_REUSEPORT} does not spread connections.
 */
@ExtendWith(KQueueAvailableCondition.class)
@EnabledOnOs({OS.MAC, OS.FREEBSD, OS.OPENBSD})
class KQueueGroupReusePortTest extends GroupReusePortTck {
    @Override
    protected LoopProvider provider() {
        return new KQueueLoopProvider();
    }

    @Override
    protected boolean expectsReusePort() {
        return false;
    }
}
