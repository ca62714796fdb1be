package dev.ioasync.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ioasync help} (also {@code -h} and {@code --help}): prints the usage text. Also the
 * place every command reports a usage error from, so that they all look alike.
 */
public final class HelpCommand {

    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the command.
     *
     * @param out where the usage text goes
     * @param err where usage errors go
     */
    public HelpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Prints the usage text.
     *
     * @param args the arguments after {@code help}: none
     * @return {@link Main#OK}, or {@link Main#USAGE} when arguments were given
     */
    public int run(List<String> args) {
        if (!args.isEmpty()) {
            return usageError(err, "help takes no arguments, got " + args);
        }
        out.print(usage());
        return Main.OK;
    }

    /**
     * Reports a usage error: the problem, then the usage text, on {@code err}.
     *
     * @param err where to print
     * @param problem what is wrong with the command line
     * @return {@link Main#USAGE}
     */
    public static int usageError(PrintStream err, String problem) {
        err.println("ioasync: " + problem);
        err.println();
        err.print(usage());
        return Main.USAGE;
    }

    /** {@return the usage text, ending with a newline} */
    public static String usage() {
        String names = DemoCommand.EXAMPLES.stream().map(Example::name).collect(Collectors.joining(", "));
        return """
                Usage: ioasync [-Dname=value ...] COMMAND [ARGS]

                Commands:
                  backends     list every known loop backend (priority, available or why not)
                               and the one Loop.create() picks now, and where that choice came from
                  demo [NAME]  run the examples, or only the one named: %s
                  echo-server --port N [--host H]
                               write back whatever each client sends (try: nc 127.0.0.1 N)
                  chat-server --port N [--host H]
                               each line a client sends goes to every other client
                  tail [--from-start] [--interval MS] FILE
                               print the lines appended to FILE, like tail -f, until Ctrl-C;
                               follows truncation and rotation
                  run -- CMD [ARGS...]
                               run CMD (no shell), print its output and how it ended;
                               Ctrl-C is forwarded to it as SIGINT
                  help         show this text (also -h, --help)

                Choosing the loop backend (as Loop.create() does, for every command):
                  -Dioasync.loop=NAME[,NAME...]  system property, tried first
                  IO_ASYNC_LOOP=NAME[,NAME...]   environment variable, when the property is unset
                  otherwise the best available backend for this OS (epoll on Linux, kqueue on
                  macOS and the BSDs, select anywhere). A backend that is named but cannot run is
                  an error (exit status 1): there is no silent fallback.

                JVM options:
                  -Dname=value before COMMAND    bin/ioasync passes these to the JVM; run as
                                                 `java -jar ioasync.jar`, ioasync sets them itself
                                                 before the command runs
                  JAVA_OPTS="..."                further JVM options for bin/ioasync

                Exit status: 0 success, 1 failure, 2 usage error.
                """.formatted(names);
    }
}
