package dev.ioasync.coro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The seed's synopsis: async { print 2; cede; print 4 }; print 1; cede; print 3; cede. */
class SynopsisTest extends CoroTestBase {

    @Test
    void printsOneTwoThreeFour() {
        Coro.async(() -> {
            log("2");
            Coro.cede();
            log("4");
        });
        log("1");
        Coro.cede();
        log("3");
        Coro.cede();
        assertThat(String.join(" ", trace)).isEqualTo("1 2 3 4");
    }

    @Test
    void argumentsReachTheBody() {
        Coro c = Coro.async(args -> {
            log(String.valueOf(args[1]));
            return args.length;
        }, 1, 2, 3);
        assertThat(c.join()).containsExactly(3);
        assertThat(trace).containsExactly("2");
    }
}
