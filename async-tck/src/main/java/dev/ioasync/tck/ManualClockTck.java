package dev.ioasync.tck;

import dev.ioasync.Loop;
import dev.ioasync.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of conformance classes that step time by hand: besides {@link #loop}, each test gets
 * {@link #manual}, a loop on the same backend whose clock is {@link #clock}.
 */
public abstract class ManualClockTck extends AbstractLoopTck {

    /** Creates the base; a backend's subclass supplies the provider. */
    protected ManualClockTck() {
    }

    /** The clock of {@link #manual}; only the test moves it. */
    protected ManualClock clock;

    /** A loop on the backend under test, on {@link #clock}. */
    protected Loop manual;

    @BeforeEach
    void openManualLoop() {
        clock = new ManualClock();
        manual = newLoop(clock);
    }

    @AfterEach
    void closeManualLoop() {
        manual.close();
    }
}
