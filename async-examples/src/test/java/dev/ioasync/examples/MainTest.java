package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: subcommands, help, and usage errors (exit status 2, one line and a pointer on stderr). */
class MainTest {

    /** Checks the shape of every usage error: two lines, the problem then the pointer, nothing on stdout. */
    static void assertUsageError(Captured c, String firstLineStart, String help) {
        assertThat(c.status).isEqualTo(Main.USAGE).isEqualTo(2);
        assertThat(c.out()).isEmpty();
        assertThat(c.errLines()).hasSize(2);
        assertThat(c.errLines().get(0)).startsWith(firstLineStart);
        assertThat(c.errLines().get(1)).isEqualTo("Try '" + help + "' for more.");
        assertThat(c.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertUsageError(Captured.main("frobnicate"), "ioasync: unknown command 'frobnicate'", "ioasync help");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertUsageError(Captured.main(), "ioasync: no command given", "ioasync help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--frob", "-x", "-D", "-D=value"})
    void badOptionIsAUsageError(String option) {
        Captured c = Captured.main(option, "backends");
        assertUsageError(c, "ioasync: ", "ioasync help");
        assertThat(c.errLines().get(0)).contains("'" + option + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "-h", "--help"})
    void helpListsTheSubcommandsAndTheBackendSelection(String help) {
        Captured c = Captured.main(help);
        assertThat(c.status).isZero();
        assertThat(c.err()).isEmpty();
        assertThat(c.out()).startsWith("Usage: ioasync [-Dname=value ...] COMMAND [ARGS]")
                .contains("  backends ").contains("  demo ").contains("  help ").contains("  tail ")
                .contains("  run ").contains("  echo-server ").contains("  chat-server ")
                .contains("-Dioasync.loop=NAME").contains("IO_ASYNC_LOOP=NAME").contains("JAVA_OPTS")
                .contains("130 ended by Ctrl-C").contains("128+N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"backends", "demo", "echo-server", "chat-server", "tail", "run", "help"})
    void helpOfEachCommandShowsItsOptions(String command) {
        Captured viaHelp = Captured.main("help", command);
        assertThat(viaHelp.status).isZero();
        assertThat(viaHelp.err()).isEmpty();
        assertThat(viaHelp.out()).startsWith("Usage: ioasync " + command);
        if (!command.equals("help")) {
            Captured viaOption = Captured.main(command, "--help");
            assertThat(viaOption.status).isZero();
            assertThat(viaOption.out()).isEqualTo(viaHelp.out());
        }
    }

    @Test
    void theHelpOfACommandNamesItsOptions() {
        assertThat(Captured.main("help", "tail").out()).contains("--from-start").contains("--interval=MS").contains("FILE");
        assertThat(Captured.main("help", "echo-server").out()).contains("--port=N").contains("--host=H")
                .contains("default: 127.0.0.1");
        assertThat(Captured.main("help", "demo").out().replaceAll("\\s+", " "))
                .contains("timers, futures, pipe, synopsis, coro, errors, processes, routine, detached");
        assertThat(Captured.main("help", "run").out()).contains("CMD...");
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        Captured c = Captured.main("help", "nosuch");
        assertUsageError(c, "ioasync help: unknown command 'nosuch' (known: backends, demo", "ioasync help");
    }

    @Test
    void argumentsAfterASubcommandThatTakesNoneAreAUsageError() {
        assertUsageError(Captured.main("backends", "extra"), "ioasync backends: ", "ioasync help backends");
        assertUsageError(Captured.main("help", "tail", "extra"), "ioasync help: ", "ioasync help");
        assertUsageError(Captured.main("demo", "timers", "pipe"), "ioasync demo: ", "ioasync help demo");
    }
}
