package dev.ioasync.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The {@link CoroBench} benchmarks (Perl's Coro, coro.pl) on the virtual-thread fallback, forced
 * with {@code -Dioasync.coro.mechanism=virtual-thread}: the same code as without the export (as a
 * plain {@code java -cp} runs it), but with the export given so that the Continuation ceiling row
 * runs in this fork too, beside the virtual-thread one.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
        "-Dioasync.coro.mechanism=virtual-thread", "-Dioasync.bench.coro=fallback"})
public class CoroBenchFallback extends CoroBench {

    @Override
    protected String expectedMechanism() {
        return "virtual-thread";
    }
}
