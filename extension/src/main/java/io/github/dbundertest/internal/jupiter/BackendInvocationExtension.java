package io.github.dbundertest.internal.jupiter;

import java.lang.reflect.AnnotatedElement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import io.github.dbundertest.DisabledOnBackend;
import io.github.dbundertest.EnabledOnBackend;
import io.github.dbundertest.SchemaComparison;
import io.github.dbundertest.internal.config.ConfigurationException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Registered for one class-template invocation: creates its database when the invocation starts, resets it
 * before each test, evaluates {@link EnabledOnBackend} and {@link DisabledOnBackend}, and injects the database.
 * Its only field is the invocation's backend; everything else lives in the invocation's store.
 */
final class BackendInvocationExtension implements BeforeClassTemplateInvocationCallback, BeforeEachCallback,
		AfterEachCallback, ExecutionCondition, ParameterResolver {

	private final Backend backend;

	BackendInvocationExtension(Backend backend) {
		this.backend = backend;
	}

	@Override
	public void beforeClassTemplateInvocation(ExtensionContext context) {
		database(context).database();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		database(context).beforeEach();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		database(context).afterEach(context);
	}

	private static InvocationDatabase database(ExtensionContext context) {
		return InvocationDatabase.of(context)
			.orElseThrow(() -> new IllegalStateException("No database in " + context.getUniqueId()));
	}

	// --- conditions ---------------------------------------------------------------------------------------------

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<AnnotatedElement> element = context.getElement();
		if (element.isEmpty()) {
			return ConditionEvaluationResult.enabled("no element");
		}
		Optional<EnabledOnBackend> enabledOn = AnnotationSupport.findAnnotation(element, EnabledOnBackend.class);
		Optional<DisabledOnBackend> disabledOn = AnnotationSupport.findAnnotation(element, DisabledOnBackend.class);
		return DatabaseUnderTestExtension.configured(() -> {
			if (enabledOn.isPresent()) {
				Set<Backend> backends = backends(enabledOn.get().value(), "@EnabledOnBackend", element.get());
				if (!backends.contains(backend)) {
					return ConditionEvaluationResult.disabled(reason(enabledOn.get().disabledReason(),
							"runs only on " + DatabaseUnderTestExtension.names(backends)));
				}
			}
			if (disabledOn.isPresent()) {
				Set<Backend> backends = backends(disabledOn.get().value(), "@DisabledOnBackend", element.get());
				if (backends.contains(backend)) {
					return ConditionEvaluationResult.disabled(reason(disabledOn.get().disabledReason(),
							"disabled on " + backend.displayName()));
				}
			}
			if (element.get() instanceof java.lang.reflect.Method method
					&& Arrays.asList(method.getParameterTypes()).contains(SchemaComparison.class)) {
				Optional<String> missing = InvocationDatabase.of(context).flatMap(InvocationDatabase::whyNoSchemaComparison);
				if (missing.isPresent()) {
					return ConditionEvaluationResult.disabled(missing.get());
				}
			}
			return ConditionEvaluationResult.enabled("runs on " + backend.displayName());
		});
	}

	private static Set<Backend> backends(Backend[] value, String annotation, AnnotatedElement element) {
		if (value.length == 0) {
			throw new ConfigurationException(annotation + "({}) on " + element
					+ " names no backend. Name at least one, e.g. " + annotation + "(Backend.POSTGRES).");
		}
		return EnumSet.copyOf(Arrays.asList(value));
	}

	private String reason(String custom, String standard) {
		String prefix = "[" + backend.displayName() + "] " + standard;
		return custom.isBlank() ? prefix : prefix + ": " + custom;
	}

	// --- parameters ---------------------------------------------------------------------------------------------

	/** Constructors are resolved in the test method's context, so that they find the invocation's database. */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return Injection.claims(parameterContext);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type == Backend.class) {
			return backend;
		}
		Injection.rejectUnsupported(parameterContext);
		if (type == SchemaComparison.class) {
			return database(extensionContext).compareSchemas();
		}
		var database = database(extensionContext).use();
		if (type == DataSource.class) {
			return database.dataSource();
		}
		if (type == DatabaseInfo.class) {
			return database;
		}
		return openConnection(database.dataSource(), parameterContext, extensionContext);
	}

	private Connection openConnection(DataSource dataSource, ParameterContext parameterContext,
			ExtensionContext extensionContext) {
		try {
			Connection connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			// closed with the store of the method (or of the class, for a constructor of a per-class instance)
			extensionContext.getStore(InvocationDatabase.NAMESPACE.append("connection"))
				.put(parameterContext.getParameter(),
						new OpenConnection(connection, ConnectionClosing.of(extensionContext), backend, extensionContext));
			return connection;
		}
		catch (SQLException e) {
			throw new ParameterResolutionException("[" + backend.displayName() + "] could not open a connection for "
					+ parameterContext.getParameter() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * An injected connection, rolled back and closed after its method, under {@link ConnectionClosing}'s watch.
	 *
	 * @param context the context it was injected in, whose test a warning names
	 */
	private record OpenConnection(Connection connection, ConnectionClosing closing, Backend backend,
			ExtensionContext context) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			// the name is put together only for a warning, not for every test
			closing.rollBackAndClose(connection, () -> "[" + backend.displayName() + "] "
					+ context.getRequiredTestClass().getSimpleName()
					+ context.getTestMethod().map(method -> "." + method.getName()).orElse(""));
		}
	}
}
