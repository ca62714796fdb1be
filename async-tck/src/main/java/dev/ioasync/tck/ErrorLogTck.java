package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ioasync.Loop;
import dev.ioasync.Notifier;
import dev.ioasync.timer.Countdown;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default error handler does not flood the log: the first error of each kind (exception class
 * and the line that threw it, with the source notifier's class) is logged with its stack, every
 * later one of that kind as one line with a running count.
 */
public abstract class ErrorLogTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected ErrorLogTck() {
    }

    private LogCapture log;
    private List<LogRecord> records;
    private Loop plain;

    @BeforeEach
    void openPlainLoop() {
        log = new LogCapture(Loop.class.getName()); // the errors are the test's own: read, not printed
        records = log.records();
        plain = Loop.builder().provider(provider()).build();
    }

    @AfterEach
    void closePlainLoop() {
        try {
            plain.close();
        } finally {
            log.close();
        }
    }

    private static void failSameWay(int i) {
        throw new IllegalStateException("failure number " + i);
    }

    @Test
    void errorLog_manyIdenticalErrorsGiveOneStackAndOneCountedLineEach() {
        int n = 2000;
        for (int i = 0; i < n; i++) {
            int k = i;
            plain.later(() -> failSameWay(k));
        }
        plain.loopOnce(Duration.ZERO);
        List<LogRecord> mine = records.stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains("IllegalStateException")
                        || r.getThrown() != null && r.getThrown().getMessage().startsWith("failure number"))
                .toList();
        assertThat(mine).hasSize(n);
        assertThat(mine).filteredOn(r -> r.getThrown() != null).singleElement()
                .satisfies(r -> assertThat(r.getThrown()).hasMessage("failure number 0"));
        assertThat(mine).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
        LogRecord last = mine.get(n - 1);
        assertThat(last.getThrown()).isNull();
        assertThat(last.getMessage()).contains("failure number " + (n - 1)).contains("error " + n + " of kind")
                .doesNotContain("\n");
    }

    @Test
    void errorLog_eachKindGetsItsOwnStack() {
        Notifier a = new Countdown(Duration.ZERO, () -> failSameWay(1)).start();
        Notifier b = new Countdown(Duration.ZERO, () -> failSameWay(2)).start();
        Notifier c = new Countdown(Duration.ZERO, () -> {
            throw new IllegalArgumentException("another class");
        }).start();
        Notifier d = new Notifier().name("plain");
        plain.add(a).add(b).add(c).add(d);
        plain.later(() -> failSameWay(3));
        plain.later(() -> failSameWay(4));
        d.invokeError(new IllegalStateException("reported by a plain notifier"));
        plain.loopOnce(Duration.ZERO);
        List<LogRecord> withStack = records.stream().filter(r -> r.getThrown() != null).toList();
        assertThat(withStack).extracting(r -> r.getThrown().getMessage())
                .as("one stack per kind: the two countdowns share one, the plain notifier, "
                        + "the other class and the low-level watch get theirs")
                .hasSize(4)
                .contains("reported by a plain notifier", "failure number 3");
        assertThat(records).filteredOn(r -> r.getThrown() == null && r.getMessage().contains("failure number 4"))
                .hasSize(1);
    }

    @Test
    void errorLog_aLoopWithItsOwnHandlerLogsNothing() {
        loop.later(() -> failSameWay(0));
        loop.loopOnce(Duration.ZERO);
        assertThat(drainLoopErrors()).hasSize(1);
        assertThat(records).isEmpty();
    }

    @Test
    void errorLog_restoringTheDefaultHandlerLogsAgain() {
        plain.errorHandler((e, s) -> { });
        plain.later(() -> failSameWay(0));
        plain.loopOnce(Duration.ZERO);
        assertThat(records).isEmpty();
        plain.errorHandler(null);
        plain.later(() -> failSameWay(1));
        plain.loopOnce(Duration.ZERO);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.getThrown()).hasMessage("failure number 1"));
    }
}
