package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

/**
 * {@code ioasync chat-server --port N}: each line a client sends goes to every other client,
 * prefixed with the sender's name; joins and leaves are announced.
 */
@Command(name = "chat-server", description = {"each line a client sends goes to every other client"})
final class ChatServerCommand extends ServerCommand {

    private final Set<LineProtocol> clients = new LinkedHashSet<>();
    private int nextId = 1;

    ChatServerCommand(CommandIo io, Consumer<Loop> onListening) {
        super(io, onListening);
    }

    @Override
    String name() {
        return "chat-server";
    }

    @Override
    boolean runsOnAGroup() {
        return false;
    }

    @Override
    void serve(Loop loop, Stream stream, PrintStream out) {
        String who = "user" + nextId++;
        LineProtocol client = new LineProtocol();
        client.name(who);
        client.onLine(line -> broadcast(client, who + ": " + line));
        client.onClosed(() -> {
            clients.remove(client);
            client.removeFromParent();
            broadcast(client, "* " + who + " left");
            out.println(who + " left");
        });
        client.transport(stream);
        loop.add(client);
        clients.add(client);
        client.writeLine("* welcome, you are " + who + "; " + (clients.size() - 1) + " other(s) here");
        broadcast(client, "* " + who + " joined");
        out.println(who + " connected");
    }

    private void broadcast(LineProtocol from, String line) {
        for (LineProtocol c : clients) {
            if (c != from) {
                c.writeLine(line);
            }
        }
    }
}
