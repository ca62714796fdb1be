package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.protocol.LineProtocol;
import dev.ioasync.stream.Stream;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

/**
 * {@code ioasync chat-server --port N [--loops N]}: each line a client sends goes to every other
 * client, prefixed with the sender's name; joins and leaves are announced. On a group of loops the
 * clients of every loop share one {@link ChatRoom}: a line crosses to the other loops through
 * their {@code later}, and each connection is only touched on its own loop.
 */
@Command(name = "chat-server", description = {"each line a client sends goes to every other client"})
final class ChatServerCommand extends ServerCommand {

    private ChatRoom room;

    ChatServerCommand(CommandIo io, Consumer<Loop> onListening) {
        super(io, onListening);
    }

    @Override
    String name() {
        return "chat-server";
    }

    @Override
    void serving(List<Loop> loops) {
        room = new ChatRoom(loops);
    }

    @Override
    void serve(Loop loop, Stream stream, PrintStream out) {
        String who = room.newName();
        LineProtocol client = new LineProtocol();
        client.name(who);
        client.onLine(line -> room.say(loop, client, who + ": " + line));
        client.onClosed(() -> {
            room.leave(loop, client);
            client.removeFromParent();
            room.say(loop, client, "* " + who + " left");
            out.println(who + " left");
        });
        client.transport(stream);
        loop.add(client);
        int others = room.join(loop, client);
        out.println(who + " connected on " + Thread.currentThread().getName());
        client.writeLine("* welcome, you are " + who + "; " + others + " other(s) here");
        room.say(loop, client, "* " + who + " joined");
    }
}
