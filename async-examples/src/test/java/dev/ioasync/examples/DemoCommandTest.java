package dev.ioasync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ioasync demo}: every example prints its lines, in order, and the loop ends clean. */
class DemoCommandTest {

    /**
     * What each example must print: each inner list in that order, with other lines possibly
     * between. The timers fire in the order of their deadlines, but a stalled machine may swap
     * lines of different timers, so each timer's lines are a sequence of its own.
     */
    static final Map<String, List<List<String>>> EXPECTED = Map.of(
            "timers", List.of(
                    List.of("  started: Countdown(100 ms), Periodic(every 40 ms), Absolute(now + 200 ms)",
                            "  periodic: tick 1",
                            "  periodic: tick 2",
                            "  periodic: tick 3, stopping",
                            "  done: periodic ticked 3 times and is stopped; countdown expired"),
                    List.of("  started: Countdown(100 ms), Periodic(every 40 ms), Absolute(now + 200 ms)",
                            "  countdown: expired after 100 ms",
                            "  done: periodic ticked 3 times and is stopped; countdown expired"),
                    List.of("  started: Countdown(100 ms), Periodic(every 40 ms), Absolute(now + 200 ms)",
                            "  absolute: fired at the time it was set for",
                            "  done: periodic ticked 3 times and is stopped; countdown expired")),
            "futures", List.of(List.of(
                    "  delay(50 ms): done",
                    "  chain step 1: delay(20 ms) done -> 6",
                    "  chain step 2: 6 -> delay(20 ms) -> 6 * 7",
                    "  chain result: 42",
                    "  timeout(50 ms): failed, category timeout: Timeout after PT0.05S")),
            "pipe", List.of(List.of(
                    "  a writer thread writes 3 lines into the pipe, then closes it",
                    "  read: first line from the writer thread",
                    "  read: second line",
                    "  read: third and last line",
                    "  EOF: the writer closed its end after 3 lines",
                    "  done: 3 lines through the pipe")),
            "synopsis", List.of(List.of(
                    "  Received a line Hello, you sent: An initial line here",
                    "  Received a line Here is another line",
                    "  Received a line And a third")),
            "coro", List.of(List.of(
                    "  synopsis: 1 2 3 4",
                    "  chat server listening on 127.0.0.1, a coro per connection",
                    "  alice <- * welcome alice, 1 here",
                    "  bob <- * welcome bob, 2 here",
                    "  bob <- <alice> hi bob",
                    "  alice <- <bob> hello alice, how are you?",
                    "  bob <- <alice> fine, bye",
                    "  bob <- * alice left",
                    "  chat: 2 connections served, 3 lines relayed")),
            "errors", List.of(List.of(
                    "  queued a later() callback that throws, then Countdown[faulty] (20 ms) whose on_expire throws",
                    "  error handler: a low-level callback (no notifier) threw IllegalStateException: boom from a later() callback",
                    "  error handler: on_expire of Countdown[faulty] threw IllegalArgumentException: boom from on_expire",
                    "  countdown 'after' expired: the loop kept running after 2 errors")),
            "processes", List.of(List.of(
                    "  ls: alpha.txt",
                    "  ls: beta.txt",
                    "  ls finished: exit 0",
                    "  sending SIGUSR2 to this process with kill",
                    "  caught SIGUSR2 on the loop thread",
                    "  done: the previous SIGUSR2 handler is back")),
            "routine", List.of(List.of(
                    "  thread: The total of 10, 20, 30 is: 60",
                    "  virtual: The total of 10, 20, 30 is: 60",
                    "  process: The total of 10, 20, 30 is: 60")),
            "detached", List.of(List.of(
                    "  123454321 is not a prime number")));

    /** Examples whose lines hold numbers that change (ports, counts): what each line starts with, in order. */
    static final Map<String, List<String>> EXPECTED_PREFIXES = Map.of(
            "group-echo", List.of(
                    "  listening on port ",
                    "  reply: hello 0 (served by group-echo-",
                    "  connections per loop: [",
                    "  group shut down gracefully"));

    /** Checks that {@code lines} hold what example {@code name} must print. */
    static void assertPrinted(String name, List<String> lines) {
        if (EXPECTED_PREFIXES.containsKey(name)) {
            int at = 0;
            for (String prefix : EXPECTED_PREFIXES.get(name)) {
                while (at < lines.size() && !lines.get(at).startsWith(prefix)) {
                    at++;
                }
                assertThat(at).as("example %s prints a line starting %s, in order, in %s", name, prefix, lines)
                        .isLessThan(lines.size());
                at++;
            }
            return;
        }
        for (List<String> sequence : EXPECTED.get(name)) {
            assertThat(lines).as("lines of example %s", name).containsSubsequence(sequence);
        }
    }

    @Test
    void theWholeDemoPrintsTheBackendThenEveryExampleInOrder() {
        Captured c = Captured.main("demo");

        assertThat(c.err()).isEmpty();
        assertThat(c.status).isZero();
        List<String> lines = c.outLines();
        assertThat(lines.get(0)).startsWith("ioasync demo on loop backend " + dev.ioasync.Loop.chooseProvider().name() + " (");
        for (Example e : DemoCommand.EXAMPLES) {
            assertThat(lines).contains("== " + e.name() + ": " + e.summary());
            assertPrinted(e.name(), lines);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("== ")).toList())
                .containsExactlyElementsOf(DemoCommand.EXAMPLES.stream().map(e -> "== " + e.name() + ": " + e.summary()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"timers", "futures", "pipe", "synopsis", "coro", "errors", "processes", "routine", "detached"})
    void demoNameRunsThatExampleOnly(String name) {
        Captured c = Captured.main("demo", name);

        assertThat(c.err()).isEmpty();
        assertThat(c.status).isZero();
        assertPrinted(name, c.outLines());
        assertThat(c.outLines()).filteredOn(l -> l.startsWith("== "))
                .singleElement().asString().startsWith("== " + name + ": ");
    }

    @Test
    void eachExampleLeavesItsLoopWithNothingPending() throws Exception {
        for (Example e : DemoCommand.EXAMPLES) {
            Captured c = new Captured();
            try (Loop loop = Loop.create("select")) {
                e.run(loop, c.out);
                assertThat(loop.watchedHandles()).as("%s: watched handles", e.name()).isZero();
                assertThat(loop.notifiers()).as("%s: notifiers", e.name()).isEmpty();
            }
            assertPrinted(e.name(), c.outLines());
        }
    }

    @Test
    void unknownExampleIsAUsageErrorNamingTheKnownOnes() {
        Captured c = Captured.main("demo", "nosuch");

        MainTest.assertUsageError(c, "ioasync demo: unknown example 'nosuch' (known: timers, futures, pipe, synopsis, coro, errors, processes, routine, detached, group-echo)",
                "ioasync help demo");
    }

    @Test
    void everyExampleHasAUniqueNameAndExpectedLines() {
        assertThat(DemoCommand.EXAMPLES).extracting(Example::name).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).matches("[a-z][a-z0-9-]*"));
        HashSet<String> expected = new HashSet<>(EXPECTED.keySet());
        expected.addAll(EXPECTED_PREFIXES.keySet());
        assertThat(new HashSet<>(DemoCommand.EXAMPLES.stream().map(Example::name).toList())).isEqualTo(expected);
        assertThat(DemoCommand.find("pipe")).containsInstanceOf(PipeExample.class);
    }
}
