package dev.ioasync.process;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run and how: the {@code command}, {@code setup} and {@code stdin}/{@code stdout}/
 * {@code stderr} parameters of IO::Async::Process and {@code spawn_child}, as one value.
 *
 * <p>The command is an argument list, run without a shell; {@link #shell(String)} asks for one
 * explicitly. Each of the three standard handles is a {@link Redirect}: {@link Redirect#PIPE}
 * (the default: a {@link dev.ioasync.stream.Stream} on the {@link Process}), {@link Redirect#INHERIT},
 * {@link Redirect#DISCARD}, or to and from a file. A fluent builder; not thread-safe; a process
 * copies what it needs when it starts.
 */
public final class Command {

    private final List<String> argv;
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean clearEnv;
    private Path cwd;
    private Redirect stdin = Redirect.PIPE;
    private Redirect stdout = Redirect.PIPE;
    private Redirect stderr = Redirect.PIPE;
    private boolean mergeStderr;
    private boolean killTreeOnClose;

    private Command(List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program's name");
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i) == null) {
                throw new NullPointerException("argument " + i + " of the command is null");
            }
        }
        this.argv = List.copyOf(argv);
    }

    /**
     * A command given as its argument list, run without a shell.
     *
     * @param argv the program and its arguments
     * @return the command
     */
    public static Command of(String... argv) {
        return new Command(java.util.Arrays.asList(Objects.requireNonNull(argv, "argv")));
    }

    /**
     * A command given as its argument list, run without a shell.
     *
     * @param argv the program and its arguments
     * @return the command
     */
    public static Command of(List<String> argv) {
        return new Command(argv);
    }

    /**
     * A shell command line, run by {@code /bin/sh -c} (asked for explicitly; nothing else uses a
     * shell).
     *
     * @param script the command line
     * @return the command
     */
    public static Command shell(String script) {
        return new Command(List.of("/bin/sh", "-c", Objects.requireNonNull(script, "script")));
    }

    /**
     * Sets an environment variable of the child, or removes it when {@code value} is {@code null}.
     *
     * @param name the variable
     * @param value its value, or {@code null}
     * @return this
     */
    public Command env(String name, String value) {
        env.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Starts the child with an empty environment, besides what {@link #env} sets.
     *
     * @return this
     */
    public Command clearEnv() {
        clearEnv = true;
        return this;
    }

    /**
     * Sets the child's working directory.
     *
     * @param dir the directory, or {@code null} for this process's
     * @return this
     */
    public Command cwd(Path dir) {
        this.cwd = dir;
        return this;
    }

    /**
     * Sets where the child's standard input comes from.
     *
     * @param from {@link Redirect#PIPE}, {@link Redirect#INHERIT} or {@link Redirect#from}
     * @return this
     */
    public Command stdin(Redirect from) {
        this.stdin = Objects.requireNonNull(from, "from");
        return this;
    }

    /**
     * Sets where the child's standard output goes.
     *
     * @param to {@link Redirect#PIPE}, {@link Redirect#INHERIT}, {@link Redirect#DISCARD},
     *     {@link Redirect#to} or {@link Redirect#appendTo}
     * @return this
     */
    public Command stdout(Redirect to) {
        this.stdout = Objects.requireNonNull(to, "to");
        return this;
    }

    /**
     * Sets where the child's standard error goes.
     *
     * @param to as for {@link #stdout(Redirect)}
     * @return this
     */
    public Command stderr(Redirect to) {
        this.stderr = Objects.requireNonNull(to, "to");
        return this;
    }

    /**
     * Sends standard error where standard output goes ({@code 2>&1}).
     *
     * @return this
     */
    public Command mergeStderr() {
        this.mergeStderr = true;
        return this;
    }

    /**
     * Whether closing the {@link Process} kills the child and all its descendants.
     *
     * @param on whether to
     * @return this
     */
    public Command killTreeOnClose(boolean on) {
        this.killTreeOnClose = on;
        return this;
    }

    /** {@return the program and its arguments} */
    public List<String> argv() {
        return argv;
    }

    /** {@return where standard input comes from} */
    public Redirect stdin() {
        return stdin;
    }

    /** {@return where standard output goes} */
    public Redirect stdout() {
        return stdout;
    }

    /** {@return where standard error goes; ignored when merged} */
    public Redirect stderr() {
        return stderr;
    }

    /** {@return whether standard error is merged into standard output} */
    public boolean isStderrMerged() {
        return mergeStderr;
    }

    /** {@return whether closing the process kills its whole tree} */
    public boolean killsTreeOnClose() {
        return killTreeOnClose;
    }

    /** {@return a copy of this command, to change without touching this one} */
    public Command copy() {
        Command c = new Command(argv);
        c.env.putAll(env);
        c.clearEnv = clearEnv;
        c.cwd = cwd;
        c.stdin = stdin;
        c.stdout = stdout;
        c.stderr = stderr;
        c.mergeStderr = mergeStderr;
        c.killTreeOnClose = killTreeOnClose;
        return c;
    }

    /** {@return a {@link ProcessBuilder} set up as this command says} */
    ProcessBuilder toProcessBuilder() {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv));
        Map<String, String> e = pb.environment();
        if (clearEnv) {
            e.clear();
        }
        env.forEach((k, v) -> {
            if (v == null) {
                e.remove(k);
            } else {
                e.put(k, v);
            }
        });
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.redirectInput(stdin).redirectOutput(stdout).redirectErrorStream(mergeStderr);
        if (!mergeStderr) {
            pb.redirectError(stderr);
        }
        return pb;
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
