package dev.ioasync.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The {@link CoroBench} benchmarks (Perl's Coro, coro.pl) on the virtual-thread fallback, forced
 * with {@code -Dioasync.coro.mechanism=virtual-thread}: the same code as without the export (as a
 * plain {@code java -cp} runs it), but with the export given so that the Continuation ceiling row
 * runs in this fork too, beside the virtual-thread one. The goal's ratio (cede against the
 * independent virtual-thread baton scheduler, issue 18) comes from {@link CoroFallbackCpu}, which
 * runs both in one JVM, rounds interleaved: in separate JVMs the virtual-thread scheduler settles
 * in a fast or a slow mode (whether the unparked thread runs on the carrier that unparked it or
 * is stolen by the other), and the two figures can then be 3x apart for no reason of Coro's.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-Dioasync.coro.mechanism=virtual-thread", "-Dioasync.bench.coro=fallback"})
public class CoroBenchFallback extends CoroBench {

    @Override
    protected String expectedMechanism() {
        return "virtual-thread";
    }
}
