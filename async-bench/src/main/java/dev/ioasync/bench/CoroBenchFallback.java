package dev.ioasync.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The {@link CoroBench} benchmarks (Perl's Coro, coro.pl) on the virtual-thread fallback: the fork
 * starts without {@code --add-exports java.base/jdk.internal.vm}, as a plain {@code java -cp} does.
 */
@Fork(value = 1, jvmArgsAppend = "-Dioasync.bench.coro=fallback")
public class CoroBenchFallback extends CoroBench {

    @Override
    protected String expectedMechanism() {
        return "virtual-thread";
    }
}
