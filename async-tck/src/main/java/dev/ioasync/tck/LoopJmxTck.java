package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.observe.LoopJmx;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** A loop's MBean on the platform MBean server: registered only when asked, gone when the loop closes. */
public abstract class LoopJmxTck extends AbstractLoopTck {

    /** Creates the suite. */
    protected LoopJmxTck() {
    }

    /**
     * Attributes follow the loop's metrics; the MBean leaves with the loop.
     *
     * @throws Exception when the MBean server refuses a call
     */
    @Test
    public void registersWhenAskedAndLeavesOnClose() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String name = "jmx-" + provider().name() + "-" + System.nanoTime();
        ObjectName on = LoopJmx.objectName(name);
        assertThat(on.getKeyProperty("type")).isEqualTo("Loop");
        try (Loop l = Loop.builder().provider(provider()).name(name).jmx(true).build()) {
            assertThat(server.isRegistered(on)).isTrue();
            int[] ran = new int[1];
            for (int i = 0; i < 3; i++) {
                l.later(() -> ran[0]++);
            }
            runUntil(l, () -> ran[0] == 3, "three callbacks");
            l.loopOnce(java.time.Duration.ofMillis(1)); // publishes before it sleeps
            assertThat((Long) server.getAttribute(on, "Callbacks")).isGreaterThanOrEqualTo(3L);
            assertThat((Long) server.getAttribute(on, "Iterations")).isGreaterThanOrEqualTo(1L);
            assertThat((String) server.getAttribute(on, "Backend")).isEqualTo(provider().name());
            assertThat((String) server.getAttribute(on, "Name")).isEqualTo(name);
            assertThat((Double) server.getAttribute(on, "Utilisation")).isBetween(0.0, 1.0);
            assertThat((String) server.invoke(on, "listCoros", null, null)).contains("no coro scheduler");
        }
        assertThat(server.isRegistered(on)).isFalse();
    }

    /**
     * Without the option no MBean is registered.
     *
     * @throws Exception when the MBean server refuses a call
     */
    @Test
    public void notRegisteredByDefault() throws Exception {
        String name = "jmx-off-" + provider().name() + "-" + System.nanoTime();
        try (Loop l = Loop.builder().provider(provider()).name(name).build()) {
            assertThat(l.metrics().loop()).isEqualTo(name);
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(LoopJmx.objectName(name))).isFalse();
        }
    }
}
