package dev.ioasync;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log for errors that may repeat by the thousand: the first error of each <em>kind</em> is
 * logged with its stack, every later one of that kind as one line with a running count. A kind
 * is the exception's class and the code line that threw it (for a {@link CallbackException}, its
 * cause's, and the event), with the class of the notifier it came from. So 20,000 identical
 * failures make one stack and 19,999 single lines, and two different bugs each get their stack.
 *
 * <p>Thread-safe. At most {@link #MAX_KINDS} kinds are counted apiece; beyond that, the new kinds
 * share one count (and their first one is still logged with its stack).
 */
final class RepeatedErrorLog {

    /** How many kinds are counted separately. */
    static final int MAX_KINDS = 1024;

    private final System.Logger logger;
    private final System.Logger.Level level;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong overflow = new AtomicLong();

    RepeatedErrorLog(System.Logger logger, System.Logger.Level level) {
        this.logger = logger;
        this.level = level;
    }

    /**
     * Logs one error.
     *
     * @param message what happened, without the error (for example "callback of Stream[x] threw")
     * @param error the error
     * @param source the notifier it came from, or {@code null}
     * @return how many errors of this kind were logged, this one included
     */
    long log(String message, Throwable error, Notifier source) {
        String kind = kindOf(error, source);
        AtomicLong count = counts.get(kind);
        boolean firstOfKind = false;
        if (count == null) {
            if (counts.size() < MAX_KINDS) {
                AtomicLong fresh = new AtomicLong();
                count = counts.putIfAbsent(kind, fresh);
                if (count == null) {
                    count = fresh;
                }
            } else {
                firstOfKind = true;
                count = overflow;
            }
        }
        long n = count.incrementAndGet();
        if (!logger.isLoggable(level)) {
            return n;
        }
        if (n == 1 || firstOfKind) {
            logger.log(level, message + " (later errors of this kind [" + kind
                    + "] are logged on one line each, with a count)", error);
        } else {
            logger.log(level, message + ": " + error + " [error " + n + " of kind " + kind
                    + "; its stack was logged with the first]");
        }
        return n;
    }

    /** {@return how many kinds were seen} */
    int kinds() {
        return counts.size();
    }

    static String kindOf(Throwable error, Notifier source) {
        StringBuilder sb = new StringBuilder();
        Throwable thrown = error;
        if (error instanceof CallbackException ce && ce.getCause() != null) {
            thrown = ce.getCause();
            sb.append(ce.event()).append(' ');
        }
        sb.append(thrown.getClass().getName());
        StackTraceElement[] stack = thrown.getStackTrace();
        if (stack.length > 0) {
            sb.append(" at ").append(stack[0].getClassName()).append('.').append(stack[0].getMethodName())
                    .append(':').append(stack[0].getLineNumber());
        }
        sb.append(" from ").append(source == null ? "a low-level watch" : source.getClass().getName());
        return sb.toString();
    }
}
