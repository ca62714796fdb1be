package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.coro.Coro;
import dev.ioasync.coro.CoroScheduler;
import dev.ioasync.coro.CoroStream;
import dev.ioasync.coro.Signal;
import dev.ioasync.net.Listener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Perl's Coro on the loop: the Coro synopsis ({@code async { print 2; cede; print 4 }; print 1;
 * cede; print 3; cede;} prints {@code 1 2 3 4}), then a chat in blocking style over loopback: a
 * server coro per connection reads lines with {@link CoroStream#readLine()} and relays them to the
 * other members, and two client coros, alice and bob, talk through it. Every wait is on the
 * loop, never on the thread; the clients take turns, so the output is the same every run.
 */
final class CoroExample implements Example {

    @Override
    public String name() {
        return "coro";
    }

    @Override
    public String summary() {
        return "Coro: the synopsis (1 2 3 4), then a chat server and two clients in blocking style";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        CoroScheduler sched = CoroScheduler.of(loop);
        out.println("  mechanism: " + sched.mechanism());
        synopsis(out);
        chat(loop, out);
    }

    /** The seed synopsis, printing as it goes. */
    private static void synopsis(PrintStream out) {
        out.print("  synopsis:");
        Coro.async(() -> {
            out.print(" 2");
            Coro.cede();
            out.print(" 4");
        });
        out.print(" 1");
        Coro.cede();
        out.print(" 3");
        Coro.cede();
        out.println();
    }

    private static void chat(Loop loop, PrintStream out) {
        Map<CoroStream, String> members = new LinkedHashMap<>();
        List<Coro> serverCoros = new ArrayList<>();
        int[] relayed = {0};
        Listener server = CoroStream.listen("127.0.0.1", 0, conn -> {
            serverCoros.add(Coro.current());
            conn.timeout(Waits.LIMIT);
            String name = conn.readLine().strip();
            members.put(conn, name);
            conn.write("* welcome " + name + ", " + members.size() + " here\n");
            String line;
            while ((line = conn.readLine()) != null) {
                relayed[0] += relay(members, conn, "<" + name + "> " + line);
            }
            members.remove(conn);
            relay(members, conn, "* " + name + " left\n");
        });
        out.println("  chat server listening on 127.0.0.1, a coro per connection");

        Signal aliceIn = new Signal();
        Signal bobIn = new Signal();
        Coro alice = Coro.async(() -> {
            CoroStream c = client(server, "alice", out);
            aliceIn.send();
            bobIn.await();
            c.write("hi bob\n");
            heard(out, "alice", c.readLine());
            c.write("fine, bye\n");
            c.close();
        });
        Coro bob = Coro.async(() -> {
            aliceIn.await();
            CoroStream c = client(server, "bob", out);
            bobIn.send();
            heard(out, "bob", c.readLine());
            c.write("hello alice, how are you?\n");
            String line;
            while ((line = c.readLine()) != null) {
                heard(out, "bob", line);
                if (line.startsWith("* alice left")) {
                    break;
                }
            }
            c.close();
        });
        alice.join(Waits.LIMIT);
        bob.join(Waits.LIMIT);
        for (Coro c : serverCoros) {
            c.join(Waits.LIMIT);
        }
        loop.remove(server);
        server.close();
        out.println("  chat: " + serverCoros.size() + " connections served, " + relayed[0] + " lines relayed");
    }

    /** Connects, says who it is, and reads the welcome. */
    private static CoroStream client(Listener server, String name, PrintStream out) {
        CoroStream c = CoroStream.connect("127.0.0.1", server.port(), Waits.LIMIT).timeout(Waits.LIMIT);
        c.write(name + "\n");
        heard(out, name, c.readLine());
        return c;
    }

    private static void heard(PrintStream out, String who, String line) {
        out.println("  " + who + " <- " + (line == null ? "(end of file)" : line.strip()));
    }

    /** Writes {@code line} to every member but {@code from}. {@return how many got it} */
    private static int relay(Map<CoroStream, String> members, CoroStream from, String line) {
        int n = 0;
        for (CoroStream m : List.copyOf(members.keySet())) {
            if (m != from) {
                m.write(line);
                n++;
            }
        }
        return n;
    }
}
