package dev.ioasync.loop.select;

import dev.ioasync.spi.LoopProvider;
import dev.ioasync.tck.GroupReusePortTck;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs {@link GroupReusePortTck} on the select backend: a socket per loop on Linux, where the JDK
 * has {@code SO_REUSEPORT} for server channels and the kernel spreads connections; one acceptor
 * elsewhere.
 */
class SelectGroupReusePortTest extends GroupReusePortTck {
    @Override
    protected LoopProvider provider() {
        return new SelectLoopProvider();
    }

    @Override
    protected boolean expectsReusePort() {
        return OS.current() == OS.LINUX;
    }
}
