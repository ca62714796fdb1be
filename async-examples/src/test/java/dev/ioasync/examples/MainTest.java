package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line: subcommands, help, and usage errors (exit status 2, usage on stderr). */
class MainTest {

    @Test
    void unknownSubcommandIsAUsageError() {
        Captured c = Captured.main("frobnicate");
        assertThat(c.status).isEqualTo(Main.USAGE).isEqualTo(2);
        assertThat(c.err()).startsWith("ioasync: unknown command 'frobnicate'").contains("Usage: ioasync");
        assertThat(c.out()).isEmpty();
    }

    @Test
    void noSubcommandIsAUsageError() {
        Captured c = Captured.main();
        assertThat(c.status).isEqualTo(2);
        assertThat(c.err()).contains("no command given").contains("Usage: ioasync");
        assertThat(c.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--frob", "-x", "-D", "-D=value"})
    void badOptionIsAUsageError(String option) {
        Captured c = Captured.main(option, "backends");
        assertThat(c.status).isEqualTo(2);
        assertThat(c.err()).contains("'" + option + "'").contains("Usage: ioasync");
        assertThat(c.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "-h", "--help"})
    void helpListsTheSubcommandsAndTheBackendSelection(String help) {
        Captured c = Captured.main(help);
        assertThat(c.status).isZero();
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).contains("Usage: ioasync [-Dname=value ...] COMMAND")
                .contains("  backends ").contains("  demo [NAME]").contains("  help ")
                .contains("-Dioasync.loop=NAME").contains("IO_ASYNC_LOOP=NAME").contains("JAVA_OPTS")
                .contains("timers, futures, pipe, synopsis, coro, errors, processes, routine, detached")
                .contains("tail [--from-start] [--interval MS] FILE").contains("run -- CMD [ARGS...]").contains("echo-server --port N").contains("chat-server --port N");
    }

    @Test
    void argumentsAfterASubcommandThatTakesNoneAreAUsageError() {
        assertThat(Captured.main("backends", "extra").status).isEqualTo(2);
        assertThat(Captured.main("help", "extra").status).isEqualTo(2);
        Captured c = Captured.main("demo", "timers", "pipe");
        assertThat(c.status).isEqualTo(2);
        assertThat(c.err()).contains("at most one example name");
    }
}
