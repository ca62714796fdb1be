package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** {@code ioasync backends} through its class (this JVM sets neither -Dioasync.loop nor, normally, IO_ASYNC_LOOP). */
class BackendsCommandTest {

    @Test
    void listsEveryBackendWithItsAvailabilityAndNamesThePick() {
        Captured c = Captured.main("backends");

        assertThat(c.status).isZero();
        assertThat(c.err()).isEmpty();
        assertThat(c.outLines()).first().asString().startsWith("Loop backends on the class path");
        assertThat(c.outLines()).anySatisfy(line ->
                assertThat(line).matches("  select\\s+priority 0\\s+available"));
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertThat(c.outLines()).anySatisfy(line ->
                    assertThat(line).matches("  epoll\\s+priority \\d+\\s+available"));
            assertThat(c.outLines()).anySatisfy(line ->
                    assertThat(line).matches("  kqueue\\s+priority -?\\d+\\s+not available: .*OSX/BSD.*"));
        }
        String pick = c.outLines().get(c.outLines().size() - 1);
        assertThat(pick).startsWith("Loop.create() picks: " + dev.ioasync.Loop.chooseProvider().name() + " (");
        if (System.getenv("IO_ASYNC_LOOP") == null) {
            assertThat(pick).contains("the OS default").contains("neither -Dioasync.loop nor IO_ASYNC_LOOP is set");
        }
    }

    @Test
    void aCauseChainFitsOnOneLine() {
        Throwable cause = new IllegalStateException("cannot load netty_transport_native_epoll",
                new UnsatisfiedLinkError("no libnetty in\n  java.library.path"));
        assertThat(BackendsCommand.oneLine(cause)).isEqualTo(
                "IllegalStateException: cannot load netty_transport_native_epoll"
                        + " <- UnsatisfiedLinkError: no libnetty in java.library.path");
        assertThat(BackendsCommand.oneLine(new UncheckedIOException(new IOException((String) null))))
                .isEqualTo("UncheckedIOException: java.io.IOException <- IOException");
    }
}
