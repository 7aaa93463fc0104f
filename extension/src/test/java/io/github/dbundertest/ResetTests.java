package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.parallel.ResourceLock;

class ResetTests {

	static final Map<String, String> SEEN = new ConcurrentHashMap<>();

	/** Held by the tests that run {@link AfterEachTestTestCase}, which records into {@link #SEEN}. */
	static final String SEEN_LOCK = "ResetTests.SEEN";

	@Test
	@ResourceLock(SEEN_LOCK)
	void everyTestStartsFromTheMigratedAndSeededStateWhateverThePreviousOneCommitted() {
		SEEN.clear();
		var warnings = Warnings.capture();
		var results = Engine.onAllBackends().run(AfterEachTestTestCase.class);
		warnings.close();

		assertThat(warnings.messages()).as("the fast reset did all the work, with no rebuild").isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
		for (String backend : List.of("SQLITE", "POSTGRES")) {
			String first = SEEN.get(backend + " 1");
			assertThat(first).as(backend).contains("labels=[bug]");
			assertThat(SEEN.get(backend + " 2")).as(backend).isEqualTo(first);
			assertThat(SEEN.get(backend + " 3")).as(backend).isEqualTo(first);
		}
	}

	@Test
	void resetAfterClassSharesOneDatabaseAcrossTheMethodsOfAnInvocation() {
		var results = Engine.onAllBackends().run(AfterClassTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
	}

	@Test
	void aTestThatChangesTheSchemaIsFollowedByAnIntactDatabase() {
		var warnings = Warnings.capture();
		var results = Engine.onAllBackends().run(SchemaChangingTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
		// the dropped table and the added column: each found by the tracked restore before it touches a row
		assertThat(warnings.messages()).hasSize(2)
			.allSatisfy(message -> assertThat(message).startsWith("[postgres] fast reset (postgres-restore) of dbundertest_test_")
				.contains("rebuilding it from the template")
				.contains("a test changed the schema"));
	}

	@Test
	void aTransactionATestLeftOpenIsEndedAndItsRowsNeverSeen() {
		var results = Engine.onAllBackends().run(AbandonedTransactionTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
	}

	/** Writes to every kind of state a reset must restore: rows, identities, standalone sequences, trigger output. */
	@DatabaseUnderTest(migrations = { "classpath:fixtures/vendor/common", "classpath:fixtures/vendor/{vendor}" })
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class AfterEachTestTestCase {

		@Test
		@Order(1)
		void first(Connection connection, Backend backend) throws SQLException {
			SEEN.put(backend + " 1", stateAfterInsert(connection));
		}

		@Test
		@Order(2)
		void second(Connection connection, Backend backend) throws SQLException {
			SEEN.put(backend + " 2", stateAfterInsert(connection));
		}

		@Test
		@Order(3)
		void third(Connection connection, Backend backend) throws SQLException {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM label");
			}
			connection.commit();
			connection.setAutoCommit(true);
			SEEN.put(backend + " 3", stateAfterInsert(connection).replace("labels=[]", "labels=[bug]"));
		}

		/** Inserts a ticket (firing the audit trigger) and describes what the database looks like before. */
		private static String stateAfterInsert(Connection connection) throws SQLException {
			String before = "labels=" + column(connection, "SELECT name FROM label ORDER BY name");
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO ticket (title, label) VALUES ('Printer on fire', NULL)");
			}
			String ids = column(connection, "SELECT id FROM ticket");
			String numbers = connection.getMetaData().getURL().startsWith("jdbc:postgresql")
					? column(connection, "SELECT number FROM ticket") : "[]";
			return before + " ids=" + ids + " numbers=" + numbers;
		}
	}

	@DatabaseUnderTest(reset = Reset.AFTER_CLASS)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class AfterClassTestCase {

		@Test
		@Order(1)
		void writes(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (50, 'Shared')");
			}
		}

		@Test
		@Order(2)
		void seesWhatTheFirstWrote(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM author ORDER BY id")).isEqualTo("[Migrated Author, Shared]");
		}
	}

	@DatabaseUnderTest(seed = "classpath:seed/books.sql")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class SchemaChangingTestCase {

		@Test
		@Order(1)
		void dropsATable(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("DROP TABLE book");
				statement.executeUpdate("CREATE TABLE stray (id INTEGER)");
			}
		}

		@Test
		@Order(2)
		void findsTheSchemaAndSeedIntact(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT title FROM book ORDER BY id")).isEqualTo(
					"[The Dispossessed, The Lathe of Heaven]");
			assertThat(column(connection, "SELECT name FROM author ORDER BY id"))
				.isEqualTo("[Migrated Author, Ursula; K. Le Guin]");
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("ALTER TABLE author ADD COLUMN nickname VARCHAR(20)");
			}
		}

		@Test
		@Order(3)
		void findsNoColumnAnEarlierTestAdded(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT * FROM author")) {
				assertThat(rows.getMetaData().getColumnCount()).isEqualTo(2);
			}
		}
	}

	/**
	 * The statement runs on in the timed-out test's thread, holding a row lock the next test needs, and, on SQLite,
	 * the connection's lock, which closing the connection waits for: it is cancelled, and the close rolls the update
	 * back. Before, SQLite's run hung forever, and PostgreSQL's next test waited for the statement to end.
	 */
	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void aTestThatTimesOutMidStatementIsFollowedByAUsableDatabase() {
		assertTheTestAfterATimeoutPassesAfterAnOrdinaryReset(TimedOutTestCase.class);
	}

	/** Runs a fixture whose first test times out on both backends: its second passes, after no rebuild. */
	private static void assertTheTestAfterATimeoutPassesAfterAnOrdinaryReset(Class<?> fixture) {
		var warnings = Warnings.capture();
		var results = Engine.onAllBackends().run(fixture);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(2));
		assertThat(EventsOf.failureMessages(results.testEvents()))
			.allSatisfy(message -> assertThat(message).contains("timed out after 1 second"));
		assertThat(warnings.messages()).as("what the timed-out test left was undone: the fast reset did the rest")
			.noneSatisfy(message -> assertThat(message).contains("rebuilding"));
	}

	@DatabaseUnderTest
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class TimedOutTestCase extends ThenAnOrdinaryTest {

		@Test
		@Order(1)
		@Timeout(value = 1, threadMode = ThreadMode.SEPARATE_THREAD)
		void hangsHoldingALock(Connection connection, Backend backend) throws SQLException {
			holdARowLockThenRun(connection, aStatementThatDoesNotEnd(backend));
		}
	}

	/**
	 * Nothing timed out, so nothing cancels the statement before the close; the close waits for it, and its watch
	 * cancels it after two seconds, so that the close goes on and rolls the update back. A warning names the test.
	 */
	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void theCloseOfAConnectionAThreadOfTheTestStillUsesCancelsThatThreadsStatement() {
		assertEveryTestPassesAndTheCloseWarnsOnBothBackends(LeavesAThreadRunningTestCase.class, 2);
	}

	/** Runs a fixture whose first test leaves a thread busy on its connection: a warning names it on each backend. */
	private static void assertEveryTestPassesAndTheCloseWarnsOnBothBackends(Class<?> fixture, int testsPerBackend) {
		var warnings = Warnings.capture();
		var results = Engine.onAllBackends().run(fixture);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(2 * testsPerBackend).failed(0));
		assertThat(warnings.messages()).noneSatisfy(message -> assertThat(message).contains("rebuilding"));
		for (String backend : List.of("sqlite", "postgres")) {
			assertThat(warnings.messages()).as("on " + backend)
				.filteredOn(message -> message.startsWith("[" + backend + "] " + fixture.getSimpleName() + "."))
				.singleElement()
				.asString()
				.contains("s after the test ended, most likely running statements for another thread")
				.contains("End or join the threads a test starts before it returns.");
		}
	}

	@DatabaseUnderTest
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class LeavesAThreadRunningTestCase extends ThenAnOrdinaryTest {

		@Test
		@Order(1)
		void returnsWhileItsThreadRunsAStatement(Connection connection, DataSource dataSource, Backend backend)
				throws Exception {
			String doesNotEnd = aStatementThatDoesNotEndAndSaysWhenItRuns(connection, backend);
			Thread thread = new Thread(() -> {
				try {
					holdARowLockThenRun(connection, doesNotEnd);
				}
				catch (SQLException e) {
					// cancelled: what this test is about
				}
			});
			thread.setDaemon(true);
			thread.start();
			awaitRunning(dataSource, backend);
		}
	}

	/**
	 * The thread starts a new statement each time one is cancelled, so the watch cancels at every look until the
	 * close wins the connection between two of them; on PostgreSQL the close also closes the statements made through
	 * the connection (which {@link ConnectionReuseTests} checks on its own), so that none runs on in the session the
	 * next test gets. A warning says why, the next test starts from the seeded state, and the thread ends. Before, the
	 * next PostgreSQL test could wait for the ten-minute statement.
	 */
	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void aThreadThatRunsStatementAfterStatementOnAClosedConnectionDoesNotReachTheNextTest() {
		assertEveryTestPassesAndTheCloseWarnsOnBothBackends(KeepsItsThreadRunningTestCase.class, 3);
	}

	@DatabaseUnderTest
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class KeepsItsThreadRunningTestCase extends ThenAnOrdinaryTest {

		static final AtomicReference<Thread> THREAD = new AtomicReference<>();

		@Test
		@Order(1)
		void returnsWhileItsThreadRunsStatementAfterStatement(Connection connection, DataSource dataSource,
				Backend backend) throws Exception {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("UPDATE author SET name = 'held' WHERE id = 1");
			}
			String doesNotEnd = aStatementThatDoesNotEndAndSaysWhenItRuns(connection, backend);
			Thread thread = new Thread(() -> {
				while (true) {
					try (Statement statement = connection.createStatement()) {
						statement.execute(doesNotEnd);
					}
					catch (SQLException e) {
						if (isClosed(connection)) {
							return;
						}
					}
				}
			});
			thread.setDaemon(true);
			THREAD.set(thread);
			thread.start();
			awaitRunning(dataSource, backend);
		}

		@Test
		@Order(3)
		void findsThatTheThreadOfTheFirstTestEnded() throws InterruptedException {
			Thread thread = THREAD.get();
			thread.join(TimeUnit.SECONDS.toMillis(5));
			assertThat(thread.isAlive()).as("the first test's thread, still running a statement").isFalse();
		}

		private static boolean isClosed(Connection connection) {
			try {
				return connection.isClosed();
			}
			catch (SQLException e) {
				return true;
			}
		}
	}

	/**
	 * {@link #aStatementThatDoesNotEnd}, on SQLite through a function of the connection's that {@link #awaitRunning}
	 * learns from that it runs (PostgreSQL shows it in {@code pg_stat_activity}).
	 */
	private static String aStatementThatDoesNotEndAndSaysWhenItRuns(Connection connection, Backend backend)
			throws SQLException {
		if (backend == Backend.POSTGRES) {
			return aStatementThatDoesNotEnd(backend);
		}
		CountDownLatch running = new CountDownLatch(1);
		SQLITE_STATEMENT_RUNNING.set(running);
		org.sqlite.Function.create(connection, "says_it_runs", new org.sqlite.Function() {
			@Override
			protected void xFunc() throws SQLException {
				running.countDown();
				result(1);
			}
		});
		return "WITH RECURSIVE n(x) AS (SELECT says_it_runs() UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
	}

	private static final AtomicReference<CountDownLatch> SQLITE_STATEMENT_RUNNING = new AtomicReference<>();

	/** Returns once the statement that does not end runs, in another thread. */
	private static void awaitRunning(DataSource dataSource, Backend backend) throws Exception {
		if (backend == Backend.SQLITE) {
			assertThat(SQLITE_STATEMENT_RUNNING.get().await(10, TimeUnit.SECONDS)).as("the statement started").isTrue();
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (sleepsRunning(dataSource) == 0) {
			assertThat(System.nanoTime()).as("the statement started").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/** PostgreSQL: how many sessions of this database run the statement that does not end. */
	private static long sleepsRunning(DataSource dataSource) throws SQLException {
		try (Connection observer = dataSource.getConnection()) {
			return Long.parseLong(column(observer, "SELECT count(*) FROM pg_stat_activity WHERE datname ="
					+ " current_database() AND state = 'active' AND query = '" + aStatementThatDoesNotEnd(Backend.POSTGRES)
					+ "'").replaceAll("[\\[\\]]", ""));
		}
	}

	/** What follows the first test of several fixtures here: it must start from the seeded state, and write. */
	abstract static class ThenAnOrdinaryTest {

		@Test
		@Order(2)
		void startsFromTheSeededStateAndCanWrite(Connection connection) throws SQLException {
			assertMigratedStateAndWritable(connection);
		}
	}

	/**
	 * Updates a row the next test writes too, in a transaction left open, then runs {@code doesNotEnd} on the same
	 * connection: the lock stays held for as long as nothing stops that statement.
	 */
	static void holdARowLockThenRun(Connection connection, String doesNotEnd) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE author SET name = 'held' WHERE id = 1");
			statement.execute(doesNotEnd);
		}
	}

	/** Ten minutes on PostgreSQL; on SQLite a count that never ends. */
	static String aStatementThatDoesNotEnd(Backend backend) {
		return backend == Backend.POSTGRES ? "SELECT pg_sleep(600)"
				: "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
	}

	/**
	 * A connection from the DataSource, left open by a test that timed out while a statement still runs on it in the
	 * test's thread, holding a row lock the next test needs: the statement is cancelled after the test, and its
	 * transaction ends (PostgreSQL: the reset ends the session left in it; SQLite: it is rolled back).
	 */
	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void aStatementATimedOutTestLeftRunningOnADataSourceConnectionIsCancelled() {
		assertTheTestAfterATimeoutPassesAfterAnOrdinaryReset(LeavesAStatementRunningTestCase.class);
	}

	@DatabaseUnderTest
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class LeavesAStatementRunningTestCase extends ThenAnOrdinaryTest {

		@Test
		@Order(1)
		@Timeout(value = 1, threadMode = ThreadMode.SEPARATE_THREAD)
		void leavesAStatementRunning(DataSource dataSource, Backend backend) throws SQLException {
			holdARowLockThenRun(dataSource.getConnection(), aStatementThatDoesNotEnd(backend));
		}
	}

	@Test
	@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
	void aStatementLeftRunningByAnAssertTimeoutPreemptivelyIsCancelledToo() {
		var results = Engine.onBackends("postgres").run(TimesOutPreemptivelyTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.contains("execution timed out after 1000 ms");
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class TimesOutPreemptivelyTestCase extends ThenAnOrdinaryTest {

		@Test
		@Order(1)
		void leavesAStatementRunning(DataSource dataSource) {
			assertTimeoutPreemptively(Duration.ofSeconds(1),
					() -> holdARowLockThenRun(dataSource.getConnection(), aStatementThatDoesNotEnd(Backend.POSTGRES)));
		}
	}

	@Test
	void aSearchPathATestChangedDoesNotReachTheNextTest() {
		var results = Engine.onBackends("postgres").run(SearchPathTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class SearchPathTestCase {

		@Test
		@Order(1)
		void changesTheSearchPath(DataSource dataSource) throws SQLException {
			Connection kept = dataSource.getConnection(); // left open on purpose
			try (Statement statement = kept.createStatement()) {
				statement.execute("CREATE SCHEMA elsewhere");
				statement.execute("SET search_path TO elsewhere");
			}
		}

		@Test
		@Order(2)
		void findsTheTablesUnqualified(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM author ORDER BY id")).isEqualTo("[Migrated Author]");
			assertThat(column(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = 'elsewhere'")).isEqualTo("[0]");
		}
	}

	@DatabaseUnderTest
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class AbandonedTransactionTestCase extends ThenAnOrdinaryTest {

		@Test
		@Order(1)
		void leavesATransactionOpen(DatabaseInfo info) throws SQLException {
			Connection abandoned = DriverManager.getConnection(info.jdbcUrl(), info.username(), info.password());
			abandoned.setAutoCommit(false);
			try (Statement statement = abandoned.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (66, 'never committed')");
				statement.executeUpdate("UPDATE author SET name = 'locked' WHERE id = 1");
				if (info.backend() == Backend.POSTGRES) {
					statement.execute("LOCK TABLE book IN ACCESS EXCLUSIVE MODE");
				}
			}
			// neither committed nor closed: the lock and the open transaction outlive the test
		}
	}

	/** No row or lock of an earlier test is left: the migrated row is there, unchanged, and can be written. */
	static void assertMigratedStateAndWritable(Connection connection) throws SQLException {
		assertThat(column(connection, "SELECT name FROM author ORDER BY id")).isEqualTo("[Migrated Author]");
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE author SET name = 'writable' WHERE id = 1");
		}
	}

	static String column(Connection connection, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values.toString();
	}
}
