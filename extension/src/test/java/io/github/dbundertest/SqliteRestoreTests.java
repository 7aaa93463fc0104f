package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The SQLite reset writes the template's pages back under SQLite's own lock and keeps the schema cookie while the
 * schema is the template's: connections that stay open from test to test (a pool the code under test keeps) must
 * then still see exactly the template, its rows and its schema, never what they cached before the reset.
 */
class SqliteRestoreTests {

	@Test
	void aConnectionKeptAcrossTestsSeesTheTemplatesRowsAndSchemaAfterEveryReset() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("sqlite").run(KeptConnectionTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(5).failed(0));
		assertThat(warnings.messages()).as("the fast reset did all the work, with no rebuild").isEmpty();
	}

	@Test
	void aQueryLeftUnreadOnAConnectionLeftOpenIsFollowedByARebuiltDatabase() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("sqlite").run(UnreadQueryTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
		// its read lock keeps the pages from being written back: the file is replaced instead
		assertThat(warnings.messages()).singleElement()
			.asString()
			.startsWith("[sqlite] fast reset (sqlite-restore) of ")
			.contains("another connection holds a lock on the database");
	}

	@DatabaseUnderTest(value = Backend.SQLITE, seed = "classpath:seed/books.sql")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class UnreadQueryTestCase {

		@Test
		@Order(1)
		void leavesAQueryUnreadOnAConnectionItDoesNotClose(DataSource dataSource) throws SQLException {
			Connection leaked = dataSource.getConnection();
			try (Statement statement = leaked.createStatement()) {
				statement.executeUpdate("DELETE FROM book");
			}
			ResultSet unread = leaked.createStatement().executeQuery("SELECT name FROM author");
			assertThat(unread.next()).isTrue();
			// neither the rows read to the end nor the connection closed: its read lock outlives the test
		}

		@Test
		@Order(2)
		void startsFromTheSeededState(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT title FROM book ORDER BY id"))
				.isEqualTo("[The Dispossessed, The Lathe of Heaven]");
		}
	}

	@DatabaseUnderTest(value = Backend.SQLITE, seed = "classpath:seed/books.sql")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class KeptConnectionTestCase {

		/** Opened by the first test and used by every other, as a pool of the code under test would be. */
		static Connection kept;

		@Test
		@Order(1)
		void growsTheFileThroughAConnectionItKeeps(DatabaseInfo info) throws SQLException {
			kept = DriverManager.getConnection(info.jdbcUrl());
			assertSeededState(kept);
			kept.setAutoCommit(false);
			try (PreparedStatement insert = kept.prepareStatement("INSERT INTO author (id, name) VALUES (?, ?)")) {
				for (int id = 100; id < 3100; id++) {
					insert.setInt(1, id);
					insert.setString(2, "author " + id + " " + "x".repeat(80));
					insert.addBatch();
				}
				insert.executeBatch();
			}
			kept.commit();
			kept.setAutoCommit(true);
		}

		@Test
		@Order(2)
		void theKeptConnectionSeesTheTemplatesRowsAgainAndChangesTheSchema(Connection connection) throws SQLException {
			assertSeededState(kept);
			assertSeededState(connection);
			assertIntact(kept);
			try (Statement statement = kept.createStatement()) {
				statement.executeUpdate("ALTER TABLE author ADD COLUMN nickname VARCHAR(20)");
				statement.executeUpdate("INSERT INTO author (id, name, nickname) VALUES (7, 'Added', 'a')");
			}
		}

		@Test
		@Order(3)
		void theKeptConnectionSeesTheTemplatesSchemaAgainAndAnotherChangeIsMade(Connection connection)
				throws SQLException {
			assertTemplateColumns(kept);
			assertSeededState(kept);
			try (Statement statement = connection.createStatement()) {
				// another schema than the one the kept connection saw in the previous test
				statement.executeUpdate("ALTER TABLE author ADD COLUMN born VARCHAR(10)");
				statement.executeUpdate("UPDATE author SET born = '1929' WHERE id = 1");
			}
			assertThat(column(kept, "SELECT born FROM author WHERE id = 1")).isEqualTo("[1929]");
		}

		@Test
		@Order(4)
		void switchesTheDatabaseToWriteAheadLogging(Connection connection) throws SQLException {
			assertTemplateColumns(kept);
			assertTemplateColumns(connection);
			assertSeededState(kept);
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA journal_mode = WAL");
				statement.executeUpdate("DELETE FROM book");
			}
		}

		@Test
		@Order(5)
		void aDatabaseInWriteAheadLoggingIsRestoredToo(Connection connection) throws SQLException {
			assertSeededState(connection);
			assertSeededState(kept);
			assertIntact(connection);
			kept.close();
		}

		private static void assertSeededState(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM author ORDER BY id"))
				.isEqualTo("[Migrated Author, Ursula; K. Le Guin]");
			assertThat(column(connection, "SELECT title FROM book ORDER BY id"))
				.isEqualTo("[The Dispossessed, The Lathe of Heaven]");
		}

		private static void assertTemplateColumns(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT * FROM author")) {
				assertThat(rows.getMetaData().getColumnCount()).isEqualTo(2);
			}
		}

		private static void assertIntact(Connection connection) throws SQLException {
			assertThat(column(connection, "PRAGMA integrity_check")).isEqualTo("[ok]");
			assertThat(column(connection, "PRAGMA foreign_key_check")).isEqualTo("[]");
		}
	}
}
