package io.github.dbundertest.internal.jupiter;

import io.github.dbundertest.DisabledOnBackend;
import io.github.dbundertest.EnabledOnBackend;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Registered by {@link EnabledOnBackend} and {@link DisabledOnBackend} themselves, so that they fail loudly in a
 * class that is not a {@code @DatabaseUnderTest} class, where no backend exists and they would otherwise be
 * ignored without a word. Inside such a class the invocation's own extension evaluates them.
 *
 * <p>Public only because {@code @ExtendWith} must name it. Not an API.
 */
public final class MisplacedBackendCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (InvocationDatabase.isInside(context) || isInDatabaseUnderTestClass(context.getTestClass().orElse(null))) {
			return ConditionEvaluationResult.enabled("in a @DatabaseUnderTest class");
		}
		boolean enabledOn = context.getElement()
			.map(element -> AnnotationSupport.isAnnotated(element, EnabledOnBackend.class))
			.orElse(false);
		boolean disabledOn = context.getElement()
			.map(element -> AnnotationSupport.isAnnotated(element, DisabledOnBackend.class))
			.orElse(false);
		if (!enabledOn && !disabledOn) {
			return ConditionEvaluationResult.enabled("no backend condition here");
		}
		String annotation = enabledOn ? "@EnabledOnBackend" : "@DisabledOnBackend";
		throw new ExtensionConfigurationException(annotation + " on " + context.getElement().orElseThrow()
				+ " has no effect: " + context.getRequiredTestClass().getName()
				+ " is not a @DatabaseUnderTest class, so it runs on no backend. Annotate the class with "
				+ "@DatabaseUnderTest, or remove " + annotation + ".");
	}

	private static boolean isInDatabaseUnderTestClass(Class<?> testClass) {
		for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
			if (DatabaseUnderTestExtension.annotationOf(current) != null) {
				return true;
			}
		}
		return false;
	}
}
