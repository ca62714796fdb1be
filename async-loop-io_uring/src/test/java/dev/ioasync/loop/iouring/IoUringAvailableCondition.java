package dev.ioasync.loop.iouring;

import dev.ioasync.BackendUnavailableException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where the io_uring backend is available; elsewhere the skip reason carries
 * Netty's unavailability cause, and is logged, so a skip is never silent. Declared before
 * {@code @EnabledOnOs} on a class so that its reason is the one reported.
 */
final class IoUringAvailableCondition implements ExecutionCondition {

    private static final System.Logger LOG = System.getLogger(IoUringAvailableCondition.class.getName());

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        IoUringLoopProvider p = new IoUringLoopProvider();
        if (p.isAvailable()) {
            return ConditionEvaluationResult.enabled("the io_uring backend is available");
        }
        String reason = "the io_uring backend is not available on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ": " + p.unavailabilityCause().map(BackendUnavailableException::describe)
                        .orElse("no cause given");
        LOG.log(System.Logger.Level.INFO, () -> "skipping " + (context == null ? "a test" : context.getDisplayName()) + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
