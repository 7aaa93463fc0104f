package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;

/**
 * PostgreSQL connections go back to the class's next test instead of to the server, and come back as new: nothing a
 * test set on its session or its JDBC connection reaches the next one, and what it closed stays closed for it.
 */
class ConnectionReuseTests {

	static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

	@Test
	void aReusedConnectionCarriesNothingOfTheTestBefore() {
		SEEN.clear();
		var results = Engine.onBackends("postgres").run(ChangesItsSessionTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
		assertThat(SEEN.get("second session")).as("the same server session, reused").isEqualTo(SEEN.get("first session"));
	}

	@Test
	void theNextClassThatReusesTheDatabaseTakesOverASessionAsNew() {
		SEEN.clear();
		var results = Engine.onBackends("postgres")
			.with("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
			.run(LeavesItsSessionChangedTestCase.class, FindsASessionAsNewTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
		assertThat(SEEN.get("next class's session")).as("the same server session, taken over")
			.isEqualTo(SEEN.get("first class's session"));
	}

	@Test
	void aConnectionThatAnotherThreadUsedIsClosedInsteadOfReused() {
		var results = Engine.onBackends("postgres").run(SharesAConnectionWithAThreadTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	static class SharesAConnectionWithAThreadTestCase {

		/**
		 * Another thread may still be about to run a statement on the connection when it is given back, and it
		 * would run on the session of whoever takes it next.
		 */
		@Test
		void getsANewSessionAfterAThreadUsedTheLast(DataSource dataSource) throws Exception {
			String session;
			try (Connection connection = dataSource.getConnection()) {
				session = column(connection, "SELECT pg_backend_pid()");
			}
			try (Connection connection = dataSource.getConnection()) {
				assertThat(column(connection, "SELECT pg_backend_pid()")).as("used by this thread only: reused")
					.isEqualTo(session);
				CompletableFuture.supplyAsync(() -> {
					try {
						return column(connection, "SELECT 1");
					}
					catch (SQLException e) {
						throw new IllegalStateException(e);
					}
				}).get(30, TimeUnit.SECONDS);
			}
			try (Connection connection = dataSource.getConnection()) {
				assertThat(column(connection, "SELECT pg_backend_pid()")).as("used by another thread: not reused")
					.isNotEqualTo(session);
			}
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@Order(1)
	static class LeavesItsSessionChangedTestCase {

		@Test
		void changesItsSession(Connection connection) throws SQLException {
			SEEN.put("first class's session", column(connection, "SELECT pg_backend_pid()"));
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET search_path = nowhere");
				statement.execute("CREATE TEMPORARY TABLE scratch (id INTEGER)");
				statement.execute("SELECT pg_advisory_lock(42)");
			}
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@Order(2)
	static class FindsASessionAsNewTestCase {

		@Test
		void findsItsSessionAsNew(Connection connection) throws SQLException {
			SEEN.put("next class's session", column(connection, "SELECT pg_backend_pid()"));
			assertThat(column(connection, "SHOW search_path")).isEqualTo("[\"$user\", public]");
			assertThat(column(connection, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'")).isEqualTo("[0]");
			assertThat(column(connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
					+ " AND pid = pg_backend_pid()")).isEqualTo("[0]");
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class ChangesItsSessionTestCase {

		@Test
		@Order(1)
		void changesEverythingItCan(Connection connection) throws SQLException {
			assertThat(connection).isInstanceOf(PGConnection.class);
			SEEN.put("first session", column(connection, "SELECT pg_backend_pid()"));
			SEEN.put("first connection", connection);
			SEEN.put("user", column(connection, "SELECT current_user || ' ' || session_user"));
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET search_path = nowhere");
				statement.execute("SET application_name = 'left behind'");
				statement.execute("CREATE TEMPORARY TABLE scratch (id INTEGER)");
				statement.execute("SELECT pg_advisory_lock(42)");
				statement.execute("PREPARE stale AS SELECT 1");
				statement.execute("LISTEN left_behind");
				statement.execute("SET ROLE pg_read_all_data");
				statement.execute("RESET ROLE");
				statement.execute("SET SESSION AUTHORIZATION pg_read_all_data");
			}
			preparedOnTheServer(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("BEGIN");
				statement.execute("DECLARE held CURSOR WITH HOLD FOR SELECT 1");
				statement.execute("COMMIT");
			}
			SEEN.put("first statement", connection.createStatement()); // left open
			connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1"); // a transaction left open
			}
		}

		@Test
		@Order(2)
		void findsANewSession(Connection connection) throws SQLException {
			SEEN.put("second session", column(connection, "SELECT pg_backend_pid()"));
			assertThat(column(connection, "SHOW search_path")).isEqualTo("[\"$user\", public]");
			assertThat(column(connection, "SHOW application_name")).isNotEqualTo("[left behind]");
			assertThat(column(connection, "SELECT to_regclass('pg_temp.scratch') IS NULL")).isEqualTo("[t]");
			// pg_locks is the whole server's: Flyway in a concurrent class holds advisory locks of its own
			assertThat(column(connection, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
					+ " AND pid = pg_backend_pid()")).isEqualTo("[0]");
			assertThat(column(connection, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'stale'"))
				.isEqualTo("[0]");
			assertThat(column(connection, "SELECT current_user || ' ' || session_user")).isEqualTo(SEEN.get("user"));
			assertThat(column(connection, "SELECT count(*) FROM pg_listening_channels()")).isEqualTo("[0]");
			assertThat(column(connection, "SELECT count(*) FROM pg_cursors WHERE name = 'held'")).isEqualTo("[0]");
			// pgjdbc knows that its server-side statements are gone, and prepares them again
			preparedOnTheServer(connection);
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(connection.isReadOnly()).isFalse();
			assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (7, 'writable again')");
			}

			Connection first = (Connection) SEEN.get("first connection");
			assertThat(first.isClosed()).as("the first test's connection, closed after it").isTrue();
			assertThatThrownBy(first::createStatement).isInstanceOf(SQLException.class)
				.hasMessageContaining("closed");
			Statement kept = (Statement) SEEN.get("first statement");
			assertThat(kept.isClosed()).as("a statement of the first test's connection, closed with it").isTrue();
			assertThatThrownBy(() -> kept.execute("SELECT 1")).as("it cannot run on the session now this test's")
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("closed");
		}

		@Test
		@Order(3)
		void beginsATransactionInSqlWithAutoCommitOn(Connection connection) throws SQLException {
			SEEN.put("third session", column(connection, "SELECT pg_backend_pid()"));
			try (Statement statement = connection.createStatement()) {
				statement.execute("BEGIN");
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (8, 'never committed')");
			}
		}

		@Test
		@Order(4)
		void findsThatTransactionRolledBackAndCommitsItsOwnWrites(Connection connection, DataSource dataSource)
				throws SQLException {
			assertThat(column(connection, "SELECT pg_backend_pid()")).as("the same server session, reused")
				.isEqualTo(SEEN.get("third session"));
			assertThat(column(connection, "SELECT count(*) FROM author WHERE id = 8")).isEqualTo("[0]");
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (9, 'committed')");
			}
			try (Connection other = dataSource.getConnection()) {
				assertThat(column(other, "SELECT name FROM author WHERE id = 9")).as("in no transaction left open")
					.isEqualTo("[committed]");
			}
		}

		/** Runs one statement often enough for pgjdbc to prepare it on the server (its threshold is 5). */
		private static void preparedOnTheServer(Connection connection) throws SQLException {
			for (int run = 0; run < 6; run++) {
				try (var statement = connection.prepareStatement("SELECT count(*) FROM public.author WHERE id > ?")) {
					statement.setInt(1, run);
					statement.executeQuery().close();
				}
			}
		}
	}
}
