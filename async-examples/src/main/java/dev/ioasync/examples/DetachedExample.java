package dev.ioasync.examples;

import dev.ioasync.Loop;
import dev.ioasync.routine.DetachedCode;
import dev.ioasync.routine.FunctionCode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The IO::Async::DetachedCode synopsis: {@code detach_code} with the default {@code flat}
 * marshaller (strings only, as in Perl), run in a worker JVM, to find out whether 123454321 is
 * prime (it is 11111 squared).
 */
public final class DetachedExample implements Example {

    /** is_prime, on a decimal string; answers "1" or "" as a Perl boolean would. */
    static final FunctionCode IS_PRIME = args -> {
        long number = Long.parseLong((String) args[0]);
        for (long d = 2; d * d <= number; d++) {
            if (number % d == 0) {
                return "";
            }
        }
        return number > 1 ? "1" : "";
    };

    /** Creates the example. */
    public DetachedExample() {
    }

    @Override
    public String name() {
        return "detached";
    }

    @Override
    public String summary() {
        return "IO::Async::DetachedCode: is 123454321 prime? asked of a worker JVM";
    }

    @Override
    public void run(Loop loop, PrintStream out) {
        DetachedCode code = DetachedCode.detachCode(loop, Map.of("code", IS_PRIME));
        code.call(List.of("123454321"),
                isPrime -> out.println("  123454321 " + ("1".equals(isPrime) ? "is" : "is not") + " a prime number"),
                error -> out.println("  Cannot determine if it's prime - " + error))
                .get(Duration.ofSeconds(30));
        code.shutdown().get(Duration.ofSeconds(30));
        loop.remove(code);
    }
}
