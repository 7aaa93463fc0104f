package io.github.dbundertest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.dbundertest.internal.jupiter.DatabaseUnderTestExtension;
import io.github.dbundertest.internal.jupiter.OneTestAtATimePerDatabase;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Gives a test class a real, migrated database and runs the whole class once per selected backend.
 *
 * <pre>{@code
 * @DatabaseUnderTest
 * class TicketRepositoryTest {
 *
 *     @Test
 *     void createsTicket(DataSource dataSource) throws SQLException {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Each run of the class is a class-template invocation named {@code [sqlite]} or {@code [postgres]}, with
 * its own database: created from a template on which the {@linkplain #migrations() Flyway migrations} and the
 * {@linkplain #seed() seed scripts} were applied once, and put back into that state as {@link #reset()} says.
 * Test methods, constructors and lifecycle methods may declare parameters of type
 * {@link javax.sql.DataSource}, {@link java.sql.Connection}, {@link Backend} and {@link DatabaseInfo}.
 *
 * <p>Which of the {@linkplain #value() supported backends} run is chosen by the first of these that is set:
 * the system property {@value #BACKENDS_PROPERTY}, the environment variable {@value #BACKENDS_ENVIRONMENT_VARIABLE},
 * the JUnit configuration parameter {@value #BACKENDS_PROPERTY}; else {@code sqlite}. Values: {@code sqlite},
 * {@code postgres} (or {@code postgresql}), comma-separated lists, or {@code all}.
 *
 * <p>Under JUnit's parallel execution, classes run concurrently, each on its own database; with
 * {@link Reset#AFTER_EACH_TEST} the test methods of one class run one at a time, since they share a database that
 * is reset between them.
 *
 * <p>May be used as a meta-annotation, and is inherited by subclasses.
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(DatabaseUnderTestExtension.class)
@ResourceLock(providers = OneTestAtATimePerDatabase.class)
public @interface DatabaseUnderTest {

	/**
	 * System property and JUnit configuration parameter that selects the backends to run:
	 * {@code sqlite}, {@code postgres}, a comma-separated list, or {@code all}.
	 */
	String BACKENDS_PROPERTY = "dbundertest.backends";

	/** Environment variable that selects the backends to run, typically a CI matrix variable. */
	String BACKENDS_ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST";

	/**
	 * System property and JUnit configuration parameter that chooses where PostgreSQL comes from:
	 * {@code auto} (the default), {@code external}, {@code testcontainers} or {@code embedded}.
	 */
	String POSTGRES_PROVIDER_PROPERTY = "dbundertest.postgres.provider";

	/** Environment variable that chooses where PostgreSQL comes from; see {@link #POSTGRES_PROVIDER_PROPERTY}. */
	String POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST_POSTGRES_PROVIDER";

	/**
	 * System property and JUnit configuration parameter with the URL of an existing PostgreSQL server, as a JDBC
	 * URL ({@code jdbc:postgresql://host:5432/db?user=…}) or a libpq URI ({@code postgresql://user:pw@host:5432/db}).
	 */
	String POSTGRES_URL_PROPERTY = "dbundertest.postgres.url";

	/** Environment variable with the URL of an existing PostgreSQL server; see {@link #POSTGRES_URL_PROPERTY}. */
	String POSTGRES_URL_ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST_POSTGRES_URL";

	/** System property and JUnit configuration parameter with the image of the Testcontainers provider. */
	String POSTGRES_IMAGE_PROPERTY = "dbundertest.postgres.image";

	/** Environment variable with the image of the Testcontainers provider. */
	String POSTGRES_IMAGE_ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST_POSTGRES_IMAGE";

	/**
	 * System property and JUnit configuration parameter that turns SQLite's parity mode {@code on} (the default)
	 * or {@code off}. On, SQLite connections compare {@code LIKE} with letter case and return rows of a query
	 * without {@code ORDER BY} in reverse, as PostgreSQL may; and after each test the database is checked for
	 * values PostgreSQL would refuse (text in a number column, a string too long for its {@code VARCHAR(n)}, a
	 * date that is no date, …), which fail the test.
	 */
	String SQLITE_PARITY_PROPERTY = "dbundertest.sqlite.parity";

	/** Environment variable that turns SQLite's parity mode on or off; see {@link #SQLITE_PARITY_PROPERTY}. */
	String SQLITE_PARITY_ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST_SQLITE_PARITY";

	/** The backends this class supports; by default all of them. At least one. */
	Backend[] value() default { Backend.SQLITE, Backend.POSTGRES };

	/**
	 * Flyway locations of the migrations, applied in version order. The token {@code {vendor}} becomes
	 * {@code sqlite} or {@code postgresql}, so {@code {"classpath:db/migration/common",
	 * "classpath:db/migration/{vendor}"}} keeps shared and dialect-specific scripts apart. A location that does
	 * not exist is an error.
	 */
	String[] migrations() default { "classpath:db/migration" };

	/**
	 * SQL scripts run, in order, after the migrations: part of the state every test starts from. Each is a
	 * {@code classpath:} or {@code filesystem:} location of one file; {@code {vendor}} is replaced as in
	 * {@link #migrations()}.
	 */
	String[] seed() default {};

	/** When the database goes back to its migrated-and-seeded state. */
	Reset reset() default Reset.AFTER_EACH_TEST;
}
