package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ioasync.process.ProcessSignals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ioasync run}, with real child processes, real standard input and a real SIGINT. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void copiesTheOutputAndExitsWithTheChildsStatus() {
        Captured c = Captured.main("run", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(c.status).isEqualTo(3);
        assertThat(c.out()).isEqualTo("out\n");
        assertThat(c.errLines()).containsExactly("err", "[sh -c echo out; echo err >&2; exit 3: exit 3]");

        Captured ok = Captured.main("run", "echo", "hello", "world");
        assertThat(ok.status).isZero();
        assertThat(ok.out()).isEqualTo("hello world\n");
        assertThat(ok.errLines()).containsExactly("[echo hello world: exit 0]");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 42, 255})
    void everyExitCodeIsPassedOn(int code) {
        assertThat(Captured.main("run", "sh", "-c", "exit " + code).status).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "KILL", "HUP"})
    void aChildKilledBySignalNGives128PlusN(String signal) {
        Captured c = Captured.main("run", "sh", "-c", "kill -" + signal + " $$");
        int n = switch (signal) {
            case "HUP" -> 1;
            case "KILL" -> 9;
            default -> 15;
        };
        assertThat(c.status).isEqualTo(128 + n);
        assertThat(c.err()).contains("killed by signal " + n);
    }

    @Test
    void theChildReadsTheStandardInputOfTheCommand() {
        Captured c = Captured.mainWithInput("first\nsecond\n".getBytes(StandardCharsets.UTF_8), "run", "--", "cat");
        assertThat(c.status).isZero();
        assertThat(c.out()).isEqualTo("first\nsecond\n");
    }

    @Test
    void aLargeStandardInputArrivesWhole() {
        byte[] input = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(input, (byte) 'x');
        Captured c = Captured.mainWithInput(input, "run", "--", "wc", "-c");
        assertThat(c.status).isZero();
        assertThat(c.out().strip()).isEqualTo(Integer.toString(input.length));
    }

    @Test
    void aChildThatReadsNoInputIsNoError() {
        byte[] input = new byte[1024 * 1024];
        Captured c = Captured.mainWithInput(input, "run", "--", "true");
        assertThat(c.status).isZero();
    }

    @Test
    void aMissingProgramGives127AndACommandThatCannotStart126() throws Exception {
        Captured missing = Captured.main("run", "--", dir.resolve("no-such-program").toString());
        assertThat(missing.status).isEqualTo(RunCommand.NOT_FOUND).isEqualTo(127);
        assertThat(missing.err()).startsWith("ioasync run: cannot start").contains("No such file");

        Path notExecutable = java.nio.file.Files.writeString(dir.resolve("script"), "echo hi\n");
        Captured denied = Captured.main("run", "--", notExecutable.toString());
        assertThat(denied.status).isEqualTo(RunCommand.CANNOT_START).isEqualTo(126);
        assertThat(denied.err()).startsWith("ioasync run: cannot start");
    }

    @Test
    void usageErrors() {
        MainTest.assertUsageError(Captured.main("run"), "ioasync run: Missing required parameter: 'CMD'", "ioasync help run");
        MainTest.assertUsageError(Captured.main("run", "--"), "ioasync run: Missing required parameter: 'CMD'",
                "ioasync help run");
        MainTest.assertUsageError(Captured.main("run", "-x", "echo"), "ioasync run: Unknown option: '-x'", "ioasync help run");
    }

    @Test
    void optionsAfterTheProgramNameAreTheProgramsOwn() {
        Captured c = Captured.main("run", "sh", "-c", "echo $0-$1", "--help", "-x");
        assertThat(c.status).isZero();
        assertThat(c.out()).isEqualTo("--help--x\n");
    }

    @Test
    void ctrlCIsForwardedToTheChildAndGives130() throws Exception {
        assumeTrue(Sigint.handled(), Sigint.IGNORED);
        Captured c = new Captured();
        c.execute(new RunCommand(c.io(), p -> ProcessSignals.send(p.loop(), ProcessHandle.current(), "INT")),
                "run", "--", "sleep", "30");
        assertThat(c.status).isEqualTo(Main.INTERRUPTED).isEqualTo(130);
        assertThat(c.err()).contains("forwarding SIGINT to process").contains("[sleep 30: killed by signal 2]");
    }
}
