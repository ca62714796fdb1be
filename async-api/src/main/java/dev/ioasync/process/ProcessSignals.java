package dev.ioasync.process;

import dev.ioasync.Future;
import dev.ioasync.Loop;
import dev.ioasync.signal.SignalDispatcher;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends signals to processes (IO::Async's {@code $process->kill}, Perl's {@code kill}):
 * {@code TERM} and {@code KILL} through {@link ProcessHandle#destroy()} and
 * {@link ProcessHandle#destroyForcibly()}, any other signal by running {@code kill -s NAME pid}
 * off the loop thread.
 */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /**
     * Sends a signal to a process.
     *
     * @param loop the loop that completes the future (on its thread)
     * @param process the process
     * @param signal the signal's name, with or without {@code SIG}, or its number
     * @return done once the signal is sent; fails with category {@code process} when it cannot be
     */
    public static Future<Void> send(Loop loop, ProcessHandle process, String signal) {
        java.util.Objects.requireNonNull(loop, "loop");
        java.util.Objects.requireNonNull(process, "process");
        java.util.Objects.requireNonNull(signal, "signal");
        String name = byNumber(SignalDispatcher.normalize(signal));
        Future<Void> f = loop.newFuture();
        if (!process.isAlive()) {
            return f.fail("cannot send SIG" + name + " to process " + process.pid() + ": it has exited", "process",
                    process.pid());
        }
        if (name.equals("TERM") || name.equals("KILL")) {
            boolean sent = name.equals("TERM") ? process.destroy() : process.destroyForcibly();
            return sent || !process.isAlive() ? f.done(null)
                    : f.fail("cannot send SIG" + name + " to process " + process.pid(), "process", process.pid());
        }
        Thread.ofVirtual().name("ioasync-kill-" + process.pid()).start(() -> {
            String error = runKill(name, process.pid());
            try {
                loop.later(() -> {
                    if (error == null) {
                        f.done(null);
                    } else {
                        f.fail(error, "process", process.pid());
                    }
                });
            } catch (IllegalStateException closedLoop) {
                // the loop is gone: nobody can wait for the answer any more
            }
        });
        return f;
    }

    /** {@return TERM or KILL for their numbers (as Perl's kill takes either), else {@code name}} */
    private static String byNumber(String name) {
        return switch (name) {
            case "15" -> "TERM";
            case "9" -> "KILL";
            default -> name;
        };
    }

    /**
     * Kills a process and all its descendants at once with {@code SIGKILL}, descendants first.
     * Safe from any thread.
     *
     * @param process the root of the tree
     */
    public static void killTree(ProcessHandle process) {
        java.util.Objects.requireNonNull(process, "process");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String runKill(String name, long pid) {
        try {
            java.lang.Process kill = new ProcessBuilder(List.of("kill", "-s", name, Long.toString(pid)))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return "kill -s " + name + " " + pid + " did not finish";
            }
            return kill.exitValue() == 0 ? null
                    : "cannot send SIG" + name + " to process " + pid + ": " + output.strip();
        } catch (IOException e) {
            return "cannot send SIG" + name + " to process " + pid + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while sending SIG" + name + " to process " + pid;
        }
    }
}
