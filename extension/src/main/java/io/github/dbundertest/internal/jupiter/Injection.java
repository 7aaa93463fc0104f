package io.github.dbundertest.internal.jupiter;

import java.lang.reflect.Parameter;
import java.sql.Connection;
import java.util.Set;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import io.github.dbundertest.SchemaComparison;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Which parameters the extension injects, and the errors for those it is asked for but cannot give. */
final class Injection {

	static final Set<Class<?>> INJECTABLE = Set.of(DataSource.class, Connection.class, Backend.class,
			DatabaseInfo.class, SchemaComparison.class);

	private static final String WHAT_IT_INJECTS = "javax.sql.DataSource, java.sql.Connection, "
			+ Backend.class.getName() + ", " + DatabaseInfo.class.getName() + " and " + SchemaComparison.class.getName();

	private Injection() {
	}

	/**
	 * The injectable types, plus types a test might reasonably expect from a database extension but that it does
	 * not inject: those are claimed only to fail with a message naming the types it does inject.
	 */
	static boolean claims(ParameterContext parameterContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return INJECTABLE.contains(type) || DataSource.class.isAssignableFrom(type)
				|| Connection.class.isAssignableFrom(type) || DatabaseInfo.class.isAssignableFrom(type)
				|| type.getName().startsWith("java.sql.") || type.getName().startsWith("javax.sql.");
	}

	static void rejectUnsupported(ParameterContext parameterContext) {
		if (!INJECTABLE.contains(parameterContext.getParameter().getType())) {
			throw new ParameterResolutionException("@DatabaseUnderTest cannot inject " + describe(parameterContext)
					+ ": it injects " + WHAT_IT_INJECTS + ". Declare the parameter as one of those (e.g. a DataSource,"
					+ " and unwrap or wrap it in your own type).");
		}
	}

	/** For parameters of code that runs once for all backends, before any database exists. */
	static ParameterResolutionException outsideInvocation(ParameterContext parameterContext) {
		return new ParameterResolutionException("@DatabaseUnderTest cannot inject " + describe(parameterContext)
				+ ": @BeforeAll and @AfterAll methods, and constructors of @TestInstance(PER_CLASS) classes, run once "
				+ "for all backends of a class template, outside the [sqlite] and [postgres] runs, when no database "
				+ "exists. Ask for it in a @BeforeEach method, a test method or the constructor of a per-method test "
				+ "instance; put rows every test needs into a seed script (@DatabaseUnderTest(seed = …)).");
	}

	private static String describe(ParameterContext parameterContext) {
		Parameter parameter = parameterContext.getParameter();
		return "parameter [" + parameter.getType().getName() + " " + parameter.getName() + "] of "
				+ parameterContext.getDeclaringExecutable();
	}
}
