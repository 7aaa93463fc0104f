package io.github.dbundertest.benchmarks.suite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.benchmarks.schema.Dialect;
import io.github.dbundertest.benchmarks.schema.SchemaPlan;
import io.github.dbundertest.benchmarks.schema.Workload;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The generated suite, once for each setup: {@value #CLASSES} classes of {@value #TESTS_PER_CLASS} tests, and every
 * test writes the reset benchmark's 50 rows into 5 tables, commits them (the rollback-only setup rolls them back
 * instead) and checks that it started from the template's row count. Only the setup differs between the three.
 * A fourth copy, of empty tests without a database, measures what JUnit itself costs.
 */
public final class SuiteFixtures {

	public static final int CLASSES = 20;
	public static final int TESTS_PER_CLASS = 10;
	public static final int TABLES = 12;

	/** The generated migrations, seed included as the last one, on the forked JVM's class path. */
	public static final String LOCATION = "classpath:suite/{vendor}";

	/** Time inside the test bodies, which is the same work in every setup and not what a setup adds. */
	static final LongAdder BODY_NANOS = new LongAdder();
	/** When the first test body started, in {@link System#nanoTime()}. */
	static final AtomicLong FIRST_BODY = new AtomicLong();
	/** The rows the first test found in the first table it writes: what every later test must find too. */
	private static final AtomicLong ROWS_AT_START = new AtomicLong(-1);

	private SuiteFixtures() {
	}

	static SchemaPlan plan(Dialect dialect) {
		return SchemaPlan.generate(TABLES, dialect);
	}

	/** The test every class repeats. */
	abstract static class GeneratedTests {

		@RepeatedTest(TESTS_PER_CLASS)
		void writesFiftyRows(Connection connection) throws SQLException {
			long started = System.nanoTime();
			FIRST_BODY.compareAndSet(0, started);
			Dialect dialect = connection.getMetaData().getURL().startsWith("jdbc:sqlite") ? Dialect.SQLITE : Dialect.POSTGRES;
			SchemaPlan plan = plan(dialect);
			String firstTable = plan.workloadTables().get(0).name();
			long before = count(connection, firstTable);
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			new Workload(plan).insertRows(connection);
			if (autoCommit) {
				connection.commit();
				connection.setAutoCommit(true);
			}
			if (count(connection, firstTable) != before + Workload.ROWS_PER_TABLE) {
				throw new AssertionError("the test's rows did not arrive in " + firstTable);
			}
			BODY_NANOS.add(System.nanoTime() - started);
			ROWS_AT_START.compareAndSet(-1, before);
			if (before != ROWS_AT_START.get()) {
				throw new AssertionError(firstTable + " held " + before + " rows when the test started, the first test found "
						+ ROWS_AT_START.get() + ": the setup did not put the database back");
			}
		}

		private static long count(Connection connection, String table) throws SQLException {
			try (var statement = connection.createStatement();
					var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/** The same shape with nothing in it: what JUnit costs for 200 tests in 20 classes. */
	abstract static class EmptyTests {

		@RepeatedTest(TESTS_PER_CLASS)
		void doesNothing() {
			FIRST_BODY.compareAndSet(0, System.nanoTime());
		}
	}

	static List<Class<?>> classesOf(Setup setup) {
		String prefix = switch (setup) {
			case NO_DATABASE -> "Empty";
			case OURS -> "Ours";
			case ROLLBACK_ONLY -> "Rollback";
			case ROLLBACK_NEW_CONNECTION -> "NewConnection";
			case CLEAN_MIGRATE_TRUNCATE -> "Truncate";
		};
		return Arrays.stream(SuiteFixtures.class.getDeclaredClasses())
			.filter(nested -> nested.getSimpleName().matches(prefix + "\\d+"))
			.<Class<?>>map(nested -> nested)
			.toList();
	}

	// @formatter:off
	@DatabaseUnderTest(migrations = LOCATION) static class Ours1 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours2 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours3 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours4 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours5 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours6 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours7 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours8 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours9 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours10 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours11 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours12 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours13 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours14 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours15 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours16 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours17 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours18 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours19 extends GeneratedTests { }
	@DatabaseUnderTest(migrations = LOCATION) static class Ours20 extends GeneratedTests { }

	@ExtendWith(RollbackOnlySetup.class) static class Rollback1 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback2 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback3 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback4 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback5 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback6 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback7 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback8 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback9 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback10 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback11 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback12 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback13 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback14 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback15 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback16 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback17 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback18 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback19 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.class) static class Rollback20 extends GeneratedTests { }

	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection1 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection2 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection3 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection4 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection5 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection6 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection7 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection8 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection9 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection10 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection11 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection12 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection13 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection14 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection15 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection16 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection17 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection18 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection19 extends GeneratedTests { }
	@ExtendWith(RollbackOnlySetup.NewConnectionPerTest.class) static class NewConnection20 extends GeneratedTests { }

	static class Empty1 extends EmptyTests { }
	static class Empty2 extends EmptyTests { }
	static class Empty3 extends EmptyTests { }
	static class Empty4 extends EmptyTests { }
	static class Empty5 extends EmptyTests { }
	static class Empty6 extends EmptyTests { }
	static class Empty7 extends EmptyTests { }
	static class Empty8 extends EmptyTests { }
	static class Empty9 extends EmptyTests { }
	static class Empty10 extends EmptyTests { }
	static class Empty11 extends EmptyTests { }
	static class Empty12 extends EmptyTests { }
	static class Empty13 extends EmptyTests { }
	static class Empty14 extends EmptyTests { }
	static class Empty15 extends EmptyTests { }
	static class Empty16 extends EmptyTests { }
	static class Empty17 extends EmptyTests { }
	static class Empty18 extends EmptyTests { }
	static class Empty19 extends EmptyTests { }
	static class Empty20 extends EmptyTests { }

	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate1 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate2 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate3 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate4 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate5 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate6 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate7 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate8 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate9 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate10 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate11 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate12 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate13 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate14 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate15 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate16 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate17 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate18 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate19 extends GeneratedTests { }
	@ExtendWith(CleanMigrateTruncateSetup.class) static class Truncate20 extends GeneratedTests { }
	// @formatter:on
}
