package dev.ioasync.observe;

import dev.ioasync.CallbackException;
import dev.ioasync.FutureFailure;
import dev.ioasync.stream.StreamException;
import java.io.IOException;

/**
 * The category under which {@link LoopMetrics#errorsByCategory()} counts a routed error: the
 * category the error carries (a {@link StreamException}'s, such as {@code read-limit} or
 * {@code tls}; a {@link FutureFailure}'s, such as {@code connect}), else {@code io} for another
 * {@link IOException}, else {@code callback} (code that threw). A {@link CallbackException} is
 * looked through to what the callback threw.
 */
final class ErrorCategory {

    private ErrorCategory() {
    }

    /**
     * {@return the category of an error}
     *
     * @param error the error routed
     */
    static String of(Throwable error) {
        Throwable e = error;
        if (e instanceof CallbackException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StreamException s) {
            return s.category();
        }
        if (e instanceof FutureFailure f && f.category() != null) {
            return f.category();
        }
        return e instanceof IOException ? "io" : "callback";
    }
}
