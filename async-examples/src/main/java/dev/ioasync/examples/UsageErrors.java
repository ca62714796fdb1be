package dev.ioasync.examples;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every {@code ioasync} command reports a usage error: one line saying what is wrong,
 * prefixed with the command ({@code ioasync tail: --interval must be ...}), then one line
 * pointing at the help of that command; exit status {@link Main#USAGE}. The full help text is
 * printed only when asked for ({@code ioasync help COMMAND}, {@code -h}).
 */
final class UsageErrors {

    private UsageErrors() {
    }

    /**
     * The picocli {@code IParameterExceptionHandler}: reports a parse error, or a
     * {@link ParameterException} a command threw while checking its options.
     *
     * @param e the error
     * @param args the command line
     * @return {@link Main#USAGE}
     */
    static int handle(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && cl.getParent() == null && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            message = first.startsWith("-") ? "unknown option '" + first + "'" : "unknown command '" + first + "'";
        }
        return report(cl, message);
    }

    /**
     * Reports a usage error of the command {@code cl}.
     *
     * @param cl the command whose command line is wrong
     * @param problem what is wrong
     * @return {@link Main#USAGE}
     */
    static int report(CommandLine cl, String problem) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + problem);
        String help = cl.getParent() == null || cl.getCommandSpec().helpCommand() ? "ioasync help" : "ioasync help " + cl.getCommandName();
        err.println("Try '" + help + "' for more.");
        err.flush();
        return Main.USAGE;
    }
}
