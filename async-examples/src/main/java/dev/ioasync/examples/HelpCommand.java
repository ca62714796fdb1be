package dev.ioasync.examples;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ioasync help [COMMAND]} (also {@code -h} and {@code --help}, on {@code ioasync} and on
 * every command): prints the usage text of {@code ioasync}, or of the command named.
 */
@Command(name = "help", helpCommand = true, description = "show this text, or the help of COMMAND (also -h, --help)")
final class HelpCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "the command to describe")
    java.util.List<String> commands = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        if (commands.size() > 1) {
            throw new ParameterException(spec.commandLine(), "help takes at most one command, got " + commands);
        }
        String command = commands.isEmpty() ? null : commands.get(0);
        CommandLine top = spec.commandLine().getParent();
        if (command == null) {
            top.usage(top.getOut());
            return Main.OK;
        }
        Map<String, CommandLine> commands = top.getSubcommands();
        CommandLine named = commands.get(command);
        if (named == null) {
            throw new ParameterException(spec.commandLine(), "unknown command '" + command + "' (known: "
                    + String.join(", ", commands.keySet()) + ")");
        }
        named.usage(top.getOut());
        return Main.OK;
    }
}
