package io.github.dbundertest.internal.jupiter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.SchemaComparison;
import io.github.dbundertest.Reset;
import io.github.dbundertest.internal.parity.SchemaDescription;
import io.github.dbundertest.internal.parity.SchemaDiff;
import io.github.dbundertest.internal.report.FailedDatabases;
import io.github.dbundertest.internal.template.ClassDatabase;
import io.github.dbundertest.internal.template.DatabaseProvisioner;
import io.github.dbundertest.internal.template.MigrationPlan;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The database of one class-template invocation, kept in that invocation's store: acquired when the invocation
 * starts, reset before each test that follows a use of it, and released (reset, kept for the next class) when the
 * store is closed at the end of the invocation. Nested classes and test methods find it through their parent stores.
 */
final class InvocationDatabase implements AutoCloseable {

	static final Namespace NAMESPACE = Namespace.create(DatabaseUnderTestExtension.class);

	private final ExtensionContext invocationContext;
	private final Backend backend;
	private final MigrationPlan plan;
	private final Reset reset;
	private ClassDatabase database;
	private boolean used;
	/**
	 * SQLite's change counter when the database last held nothing new for the parity check (a fresh or reset
	 * database, or one that passed it): a test that leaves it unchanged wrote nothing, and is not checked again.
	 */
	private OptionalLong checkedChanges = OptionalLong.empty();

	private InvocationDatabase(ExtensionContext invocationContext, Backend backend, MigrationPlan plan, Reset reset) {
		this.invocationContext = invocationContext;
		this.backend = backend;
		this.plan = plan;
		this.reset = reset;
	}

	static void register(ExtensionContext invocationContext, Backend backend, MigrationPlan plan, Reset reset) {
		invocationContext.getStore(NAMESPACE)
			.put(InvocationDatabase.class, new InvocationDatabase(invocationContext, backend, plan, reset));
	}

	static Optional<InvocationDatabase> of(ExtensionContext context) {
		return Optional.ofNullable(context.getStore(NAMESPACE).get(InvocationDatabase.class, InvocationDatabase.class));
	}

	/** Whether {@code context} is a class-template invocation of a {@code @DatabaseUnderTest} class or inside one. */
	static boolean isInside(ExtensionContext context) {
		return of(context).isPresent();
	}

	Backend backend() {
		return backend;
	}

	/** The database, created on first call; every call marks it as possibly written to. */
	synchronized ClassDatabase use() {
		ClassDatabase created = database();
		used = true;
		return created;
	}

	synchronized ClassDatabase database() {
		if (database == null) {
			try {
				database = Provisioners.forBackend(invocationContext, backend).acquire(plan);
				checkedChanges = database.changeCounter();
			}
			catch (RuntimeException e) {
				throw e; // configuration and migration errors already say what and where
			}
			catch (Exception e) {
				throw new IllegalStateException("[" + backend.displayName() + "] could not create the database of "
						+ invocationContext.getRequiredTestClass().getName() + ": " + e.getMessage(), e);
			}
		}
		return database;
	}

	/** Before each test: back to the migrated-and-seeded state if anything may have changed it since. */
	synchronized void beforeEach() {
		if (reset == Reset.AFTER_EACH_TEST && used && database != null) {
			database.reset();
			checkedChanges = database.changeCounter();
			used = false;
		}
	}

	/**
	 * After each test: the test may have written, whether it asked for the database or reached it otherwise. In
	 * SQLite's parity mode the test fails if it left values that PostgreSQL would have refused. A test that failed
	 * has its database kept for a look ({@link FailedDatabases}) before the next reset; one that timed out first has
	 * what still runs on its connections cancelled.
	 */
	synchronized void afterEach(ExtensionContext testContext) {
		used = true;
		if (database == null) {
			return;
		}
		if (testContext.getExecutionException().filter(InvocationDatabase::isTimeout).isPresent()) {
			// its thread may be running a statement still, whose locks would keep the reset and the next test waiting
			database.cancelRunningStatements();
		}
		try {
			checkParity();
		}
		catch (AssertionError e) {
			keep(testContext);
			throw e;
		}
		if (testContext.getExecutionException().isPresent()) {
			keep(testContext);
		}
	}

	/** JUnit's {@code @Timeout} ({@code TimeoutException}) and {@code assertTimeoutPreemptively}, by their causes. */
	private static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof TimeoutException || cause.getClass().getSimpleName().equals("ExecutionTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private void checkParity() {
		if (!database.checksParity()) {
			return;
		}
		OptionalLong changes = database.changeCounter();
		if (changes.isPresent() && changes.equals(checkedChanges)) {
			return; // nothing written since the database last passed
		}
		List<String> violations;
		try {
			violations = database.parityViolations();
		}
		catch (SQLException | RuntimeException e) {
			return; // a schema or file the test broke is the reset's to repair; nothing to judge here
		}
		if (violations.isEmpty()) {
			checkedChanges = changes;
			return;
		}
		throw new AssertionError("[sqlite] parity: this test left values that PostgreSQL would have refused "
				+ "or changed:\n  " + String.join("\n  ", violations) + "\nFix the value or the column's type ("
				+ DatabaseUnderTest.SQLITE_PARITY_PROPERTY + "=off turns this check off).");
	}

	private void keep(ExtensionContext testContext) {
		FailedDatabases failures = invocationContext.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(FailedDatabases.class, key -> new FailedDatabases(), FailedDatabases.class);
		failures.keep(database, testContext.getRequiredTestClass().getSimpleName() + "."
				+ testContext.getRequiredTestMethod().getName());
	}

	/**
	 * This backend's schema, from the invocation's database, against the other backend's, from a database of the
	 * same class there (acquired and released at once). Tests that ask for it are disabled where a backend is
	 * missing ({@link #whyNoSchemaComparison()}); a constructor or lifecycle method that asks fails.
	 */
	SchemaComparison compareSchemas() {
		whyNoSchemaComparison().ifPresent(reason -> {
			throw new ExtensionConfigurationException(reason);
		});
		Class<?> testClass = invocationContext.getRequiredTestClass();
		DatabaseUnderTest annotation = DatabaseUnderTestExtension.annotationOf(testClass);
		Backend other = other();
		MigrationPlan otherPlan = MigrationPlan.resolve(other, annotation.migrations(), annotation.seed(), testClass,
				Settings.classLoader(invocationContext));
		DatabaseProvisioner<?> provisioner = Provisioners.forBackend(invocationContext, other);
		try {
			SchemaDescription mine = describe(backend, use());
			ClassDatabase theirs = provisioner.acquire(otherPlan);
			SchemaDescription others;
			try {
				others = describe(other, theirs);
			}
			finally {
				provisioner.release(otherPlan, theirs);
			}
			return backend == Backend.SQLITE ? new SchemaDiff(mine, others) : new SchemaDiff(others, mine);
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException("could not compare the schemas of " + testClass.getName() + ": " + e.getMessage(),
					e);
		}
	}

	/** Why a {@link SchemaComparison} cannot be had in this invocation, if it cannot: a backend is missing. */
	Optional<String> whyNoSchemaComparison() {
		Class<?> testClass = invocationContext.getRequiredTestClass();
		String prefix = "[" + backend.displayName() + "] " + SchemaComparison.class.getSimpleName()
				+ " compares both backends' schemas";
		if (!DatabaseUnderTestExtension.supportedBackends(DatabaseUnderTestExtension.annotationOf(testClass), testClass)
			.contains(other())) {
			return Optional.of(prefix + ", but " + testClass.getSimpleName() + " runs only on " + backend.displayName());
		}
		if (!Settings.selection(invocationContext).includes(other())) {
			return Optional.of(prefix + "; this run covers only " + backend.displayName() + ": set -D"
					+ DatabaseUnderTest.BACKENDS_PROPERTY + "=all or " + DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE + "=all");
		}
		return Optional.empty();
	}

	private Backend other() {
		return backend == Backend.SQLITE ? Backend.POSTGRES : Backend.SQLITE;
	}

	private static SchemaDescription describe(Backend backend, ClassDatabase database) throws SQLException {
		try (Connection connection = database.dataSource().getConnection()) {
			return backend == Backend.SQLITE ? SchemaDescription.ofSqlite(connection)
					: SchemaDescription.ofPostgres(connection);
		}
	}

	@Override
	public synchronized void close() {
		if (database != null) {
			Provisioners.forBackend(invocationContext, backend).release(plan, database);
			database = null;
		}
	}
}
