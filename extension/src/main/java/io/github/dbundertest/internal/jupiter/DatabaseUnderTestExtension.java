package io.github.dbundertest.internal.jupiter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.DisabledOnBackend;
import io.github.dbundertest.EnabledOnBackend;
import io.github.dbundertest.internal.config.BackendSelection;
import io.github.dbundertest.internal.config.CacheMode;
import io.github.dbundertest.internal.config.SqliteParity;
import io.github.dbundertest.internal.config.ConfigurationException;
import io.github.dbundertest.internal.config.PostgresSettings;
import io.github.dbundertest.internal.template.MigrationPlan;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link DatabaseUnderTest}: turns an annotated class into one class-template invocation per
 * selected backend that the class supports, and reports the class as skipped, with the reason, when there is none.
 *
 * <p>Everything is validated here, before any database is started: the selection, the PostgreSQL settings and
 * every migration location and seed script of every backend that will run. The extension itself holds no state;
 * each invocation carries its own {@link BackendInvocationExtension}.
 *
 * <p>Public only because {@code @ExtendWith} must name it. Not an API.
 */
public final class DatabaseUnderTestExtension
		implements ClassTemplateInvocationContextProvider, ExecutionCondition, ParameterResolver {

	@Override
	public boolean supportsClassTemplate(ExtensionContext context) {
		return annotationOf(context.getRequiredTestClass()) != null;
	}

	@Override
	public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
			ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		DatabaseUnderTest annotation = annotationOf(testClass);
		return configured(() -> {
			BackendSelection selection = Settings.selection(context);
			List<Backend> backends = supportedBackends(annotation, testClass).stream()
				.filter(selection::includes)
				.toList();
			ClassLoader classLoader = Settings.classLoader(context);
			CacheMode.from(Settings.source(context)); // fail on a bad cache setting before anything starts
			if (backends.contains(Backend.SQLITE)) {
				SqliteParity.from(Settings.source(context)); // likewise on a bad parity setting
			}
			if (backends.contains(Backend.POSTGRES)) {
				PostgresSettings.from(Settings.source(context)); // fail on a bad URL before anything starts
			}
			List<BackendInvocationContext> invocations = backends.stream()
				.map(backend -> new BackendInvocationContext(backend,
						MigrationPlan.resolve(backend, annotation.migrations(), annotation.seed(), testClass,
								classLoader),
						annotation.reset()))
				.toList();
			return invocations.stream();
		});
	}

	/**
	 * On the class itself (not inside an invocation): skips it when none of its backends is selected, and rejects
	 * backend conditions placed where the annotation's own {@code value} is meant.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent() || InvocationDatabase.isInside(context)) {
			return ConditionEvaluationResult.enabled("decided per backend inside the class invocation");
		}
		Class<?> testClass = context.getRequiredTestClass();
		DatabaseUnderTest annotation = annotationOf(testClass);
		if (annotation == null) {
			return ConditionEvaluationResult.enabled("not a @DatabaseUnderTest class");
		}
		return configured(() -> {
			rejectBackendConditionsOnTemplate(testClass);
			Set<Backend> supported = supportedBackends(annotation, testClass);
			BackendSelection selection = Settings.selection(context);
			if (supported.stream().anyMatch(selection::includes)) {
				return ConditionEvaluationResult.enabled("selected: " + selection.backends());
			}
			return ConditionEvaluationResult.disabled(testClass.getSimpleName() + " runs on " + names(supported)
					+ ", but this run selects only " + names(selection.backends()) + " (" + selection.origin()
					+ "): to run it, " + selection.howToSelect(supported));
		});
	}

	/** Same scope as the invocation's resolver, so that the two never both claim a parameter. */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	/** Claims database parameters only outside an invocation, to explain why they cannot be had there. */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return !InvocationDatabase.isInside(extensionContext) && Injection.claims(parameterContext);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		throw Injection.outsideInvocation(parameterContext);
	}

	static DatabaseUnderTest annotationOf(Class<?> testClass) {
		return AnnotationSupport.findAnnotation(testClass, DatabaseUnderTest.class).orElse(null);
	}

	static Set<Backend> supportedBackends(DatabaseUnderTest annotation, Class<?> testClass) {
		if (annotation.value().length == 0) {
			throw new ConfigurationException("@DatabaseUnderTest(value = {}) on " + testClass.getName()
					+ " names no backend. Name at least one (SQLITE, POSTGRES), or leave value out to support both.");
		}
		return EnumSet.copyOf(Arrays.asList(annotation.value()));
	}

	private static void rejectBackendConditionsOnTemplate(Class<?> testClass) {
		boolean enabledOn = AnnotationSupport.isAnnotated(testClass, EnabledOnBackend.class);
		if (enabledOn || AnnotationSupport.isAnnotated(testClass, DisabledOnBackend.class)) {
			String annotation = enabledOn ? "@EnabledOnBackend" : "@DisabledOnBackend";
			throw new ConfigurationException(annotation + " on the @DatabaseUnderTest class " + testClass.getName()
					+ " has no effect there: list the backends the class supports in @DatabaseUnderTest(value = …) "
					+ "instead. " + annotation + " belongs on test methods and @Nested classes.");
		}
	}

	static String names(Set<Backend> backends) {
		return backends.stream().map(Backend::displayName).collect(Collectors.joining(" and "));
	}

	interface Configured<T> {
		T get();
	}

	/** Runs {@code action}, turning configuration errors into the exception JUnit reports as such. */
	static <T> T configured(Configured<T> action) {
		try {
			return action.get();
		}
		catch (ConfigurationException e) {
			throw new ExtensionConfigurationException(e.getMessage(), e);
		}
	}
}
