package dev.marketolog;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rule for tests that need something outside JDK, Maven and npm (libtdjson, python3-dotenv): when it is missing,
 * every test of the class is reported skipped, with the reason, on a developer's machine, and fails on CI
 * ({@code CI=true}), so CI always tests the real thing. Whether it is there is asked once per run.
 */
public abstract class ExternalRequirement implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExternalRequirement.class);

    /** What is needed, as a message names it ("libtdjson"). */
    protected abstract String what();

    /** Why it is missing and how to install it, or empty when it is there. */
    protected abstract Optional<String> missing();

    @Override
    public final ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Optional<String> missing = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(getClass(), type -> missing(), Optional.class);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(what() + " is there");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI must test against the real " + what() + " (.ci/run installs it): " + missing.get());
        }
        return ConditionEvaluationResult.disabled("skipped, " + what() + " is missing: " + missing.get());
    }
}
