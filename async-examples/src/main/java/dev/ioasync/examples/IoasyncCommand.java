package dev.ioasync.examples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top of the {@code ioasync} command line: its usage text and its {@code -h}/{@code --help}
 * option. Run without a subcommand it is a usage error; {@link Main#commandLine} adds the
 * subcommands.
 */
@Command(name = "ioasync",
        customSynopsis = "ioasync [-Dname=value ...] COMMAND [ARGS]",
        description = {"", "Runs the ioasync-java examples, servers and tools on an event loop."},
        commandListHeading = "%nCommands (ioasync help COMMAND tells more):%n",
        footer = {
            "",
            "Choosing the loop backend (as Loop.create() does, for every command):",
            "  -Dioasync.loop=NAME[,NAME...]  system property, tried first",
            "  IO_ASYNC_LOOP=NAME[,NAME...]   environment variable, when the property is unset",
            "  otherwise the best available backend for this OS (epoll on Linux, kqueue on",
            "  macOS and the BSDs, select anywhere). A backend that is named but cannot run is",
            "  an error (exit status 1): there is no silent fallback.",
            "",
            "JVM options:",
            "  -Dname=value before COMMAND    bin/ioasync passes these to the JVM; run as",
            "                                 `java -jar ioasync.jar`, ioasync sets them itself",
            "                                 before the command runs",
            "  JAVA_OPTS=\"...\"                further JVM options for bin/ioasync",
            "",
            "Exit status: 0 success, 1 failure, 2 usage error, 130 ended by Ctrl-C;",
            "run exits with its command's status (128+N when a signal N killed it)."})
final class IoasyncCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }
}
