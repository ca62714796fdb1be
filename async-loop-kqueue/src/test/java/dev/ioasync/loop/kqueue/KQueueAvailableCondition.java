package dev.ioasync.loop.kqueue;

import dev.ioasync.BackendUnavailableException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only where the kqueue backend is available; elsewhere the skip reason carries
 * Netty's unavailability cause, and is logged, so a skip is never silent. Declared before
 * {@code @EnabledOnOs} on a class so that its reason is the one reported.
 */
final class KQueueAvailableCondition implements ExecutionCondition {

    private static final System.Logger LOG = System.getLogger(KQueueAvailableCondition.class.getName());

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        KQueueLoopProvider p = new KQueueLoopProvider();
        if (p.isAvailable()) {
            return ConditionEvaluationResult.enabled("the kqueue backend is available");
        }
        String reason = "the kqueue backend is not available on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ": " + p.unavailabilityCause().map(BackendUnavailableException::describe)
                        .orElse("no cause given");
        LOG.log(System.Logger.Level.INFO, () -> "skipping " + (context == null ? "a test" : context.getDisplayName()) + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }
}
