package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import dev.ioasync.testkit.LoopBackend;
import dev.ioasync.testkit.LoopExtension;
import dev.ioasync.testkit.LoopRunner;
import dev.ioasync.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * The testkit's JUnit 5 {@link LoopExtension} on the backend under test: small test classes are run
 * through JUnit itself (with the configuration parameter {@code ioasync.loop} naming the backend)
 * and the loops they were given are checked afterwards: fresh per test, shared with
 * {@code @BeforeEach}, on the backend asked for, on a {@link ManualClock} when the test asks for one,
 * and closed after the test.
 */
public abstract class LoopExtensionTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected LoopExtensionTck() {
    }

    /** What the inner test classes saw; they are run one at a time. */
    static final List<Loop> SEEN = new CopyOnWriteArrayList<>();

    /** The clocks the inner test classes were given. */
    static final List<ManualClock> CLOCKS = new CopyOnWriteArrayList<>();

    private Events run(Class<?> testClass) {
        SEEN.clear();
        CLOCKS.clear();
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Loop.BACKEND_PROPERTY, provider().name())
                .selectors(selectClass(testClass))
                .execute()
                .testEvents();
    }

    @ExtendWith(LoopExtension.class)
    static class TwoTests {
        @Test
        void first(Loop loop) {
            SEEN.add(loop);
            assertThat(loop.isClosed()).isFalse();
            assertThat(loop.inLoopThread()).isTrue();
        }

        @Test
        void second(Loop loop) {
            SEEN.add(loop);
        }
    }

    @Test
    void eachTestGetsAFreshLoopOnTheConfiguredBackendClosedAfterIt() {
        run(TwoTests.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        assertThat(SEEN).extracting(Loop::backend).containsOnly(provider().name());
        assertThat(SEEN).allSatisfy(l -> assertThat(l.isClosed()).isTrue());
    }

    @ExtendWith(LoopExtension.class)
    @LoopBackend("select")
    static class OnSelect {
        Loop before;

        @BeforeEach
        void setUp(Loop loop) {
            before = loop;
        }

        @Test
        void sameLoopAsBeforeEach(Loop loop) {
            SEEN.add(loop);
            assertThat(loop).isSameAs(before);
        }

        @Test
        @LoopBackend("no-such-backend,select")
        void methodWins(Loop loop) {
            SEEN.add(loop);
        }
    }

    @Test
    void theAnnotationWinsOverTheConfigurationAndBeforeEachSharesTheLoop() {
        run(OnSelect.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).extracting(Loop::backend).containsOnly("select");
        assertThat(SEEN).allSatisfy(l -> assertThat(l.isClosed()).isTrue());
    }

    @ExtendWith(LoopExtension.class)
    static class WithManualClock {
        @Test
        void timersFollowTheClock(Loop loop, ManualClock clock) {
            SEEN.add(loop);
            CLOCKS.add(clock);
            AtomicBoolean fired = new AtomicBoolean();
            loop.watchTimeAfter(Duration.ofHours(1), () -> fired.set(true));
            loop.loopOnce(Duration.ZERO);
            assertThat(fired).isFalse();
            clock.advance(Duration.ofHours(1));
            LoopRunner.runUntil(loop, fired::get, WAIT, "the timer an hour later");
        }

        @Test
        void clockFirstIsFineToo(ManualClock clock, Loop loop) {
            SEEN.add(loop);
            CLOCKS.add(clock);
        }
    }

    @Test
    void aManualClockParameterDrivesTheLoop() {
        run(WithManualClock.class).assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0).clock()).isSameAs(CLOCKS.get(0));
        assertThat(SEEN.get(1).clock()).isSameAs(CLOCKS.get(1));
    }

    @ExtendWith(LoopExtension.class)
    static class ClosesItself {
        @Test
        void closes(Loop loop) {
            SEEN.add(loop);
            loop.close();
        }
    }

    @Test
    void aLoopTheTestClosedIsLeftAlone() {
        run(ClosesItself.class).assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(SEEN.get(0).isClosed()).isTrue();
    }

    @ExtendWith(LoopExtension.class)
    @LoopBackend("no-such-backend")
    static class UnknownBackend {
        @Test
        void never(Loop loop) {
            SEEN.add(loop);
        }
    }

    @Test
    void aBackendThatCannotRunFailsTheTestNamingIt() {
        run(UnknownBackend.class).assertStatistics(s -> s.started(1).failed(1))
                .assertThatEvents()
                .haveExactly(1, EventConditions.finishedWithFailure(TestExecutionResultConditions.cause(
                        TestExecutionResultConditions.instanceOf(BackendUnavailableException.class),
                        TestExecutionResultConditions.message(m -> m.contains("no-such-backend")))));
        assertThat(SEEN).isEmpty();
    }
}
