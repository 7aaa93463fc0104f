package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The PostgreSQL reset restores only the tables that change tracking recorded: every way of writing a table must
 * be recorded, and what cannot be restored (DDL, tracking switched off) must end in a rebuild, never in a test on
 * a wrong state.
 */
class ChangeTrackingTests {

	@Test
	void everyWayOfWritingIsPutBackWithoutARebuild() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("postgres").run(WritesEveryWayTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(5).failed(0));
		assertThat(warnings.messages()).as("the tracked restore did all the work").isEmpty();
	}

	@Test
	void aTransactionThatRunsThroughAResetLeavesARecordOfWhatItWroteAfter() {
		var results = Engine.onBackends("postgres").run(WritesThroughAResetTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
	}

	@Test
	void switchingTheEventTriggersOffBeforeDdlEndsInARebuild() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("postgres").run(SwitchesTrackingOffTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
		assertThat(warnings.messages()).singleElement()
			.satisfies(message -> assertThat(message).contains("rebuilding it from the template")
				.contains("a test changed the schema"));
	}

	@DatabaseUnderTest(value = Backend.POSTGRES, migrations = "classpath:fixtures/tracking")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class WritesEveryWayTestCase {

		@Test
		@Order(1)
		void writesAroundTheTriggers(Connection connection, DataSource dataSource) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				// straight into a partition, not through its parent
				statement.executeUpdate("INSERT INTO purchase_north (id, customer_id, region) VALUES (90, 1, 'north')");
				// with ordinary triggers and foreign keys switched off, as bulk loaders do
				statement.execute("SET session_replication_role = replica");
				statement.executeUpdate("INSERT INTO customer (id, name) VALUES (77, 'Unchecked')");
				statement.execute("RESET session_replication_role");
				// a temporary table is no schema change of the database
				statement.execute("CREATE TEMPORARY TABLE scratch (id INTEGER)");
				statement.execute("DROP TABLE scratch");
			}
			// moves the identity, the table stays as it was
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO customer (name) VALUES ('Rolled back')");
				statement.execute("SELECT nextval('invoice_number')");
			}
			connection.rollback();
			connection.setAutoCommit(true);
			try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
				statement.executeUpdate("UPDATE customer SET name = 'Changed elsewhere' WHERE id = 2");
			}
		}

		@Test
		@Order(2)
		void findsTheTemplateAndTruncatesWithCascade(Connection connection) throws SQLException {
			assertTemplateState(connection);
			try (Statement statement = connection.createStatement()) {
				statement.execute("TRUNCATE customer CASCADE");
			}
		}

		@Test
		@Order(3)
		void findsTheTemplateAndDeletesWithCascade(Connection connection) throws SQLException {
			assertTemplateState(connection);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM customer WHERE id = 1");
			}
		}

		@Test
		@Order(4)
		void findsTheTemplateAndWritesAgainAfterARolledBackSavepoint(Connection connection) throws SQLException {
			assertTemplateState(connection);
			// the record made inside the savepoint is undone with it, and so must be the note that it was made
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SAVEPOINT attempt");
				statement.executeUpdate("UPDATE customer SET name = 'Undone' WHERE id = 1");
				statement.execute("ROLLBACK TO SAVEPOINT attempt");
				statement.executeUpdate("UPDATE customer SET name = 'Committed after the savepoint' WHERE id = 1");
				statement.executeUpdate("UPDATE customer SET name = 'Committed twice' WHERE id = 2");
			}
			connection.commit();
		}

		@Test
		@Order(5)
		void findsTheTemplateAgain(Connection connection) throws SQLException {
			assertTemplateState(connection);
		}

		private static void assertTemplateState(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT id || ' ' || name FROM customer ORDER BY id"))
				.isEqualTo("[1 Ada, 2 Grace]");
			assertThat(column(connection, "SELECT tableoid::regclass || ' ' || id FROM purchase ORDER BY id"))
				.isEqualTo("[purchase_north 1, purchase_south 2]");
			assertThat(column(connection, "SELECT nextval('invoice_number')")).isEqualTo("[501]");
			assertThat(column(connection, "SELECT nextval('customer_id_seq')")).isEqualTo("[3]");
			assertThat(column(connection, "SELECT nextval('purchase_id_seq')")).isEqualTo("[3]");
		}
	}

	/**
	 * Code under test whose transaction is still at work (not idle, so the reset leaves it be) while the next test's
	 * reset claims the table's record: what it writes after must be recorded anew.
	 */
	@DatabaseUnderTest(value = Backend.POSTGRES, migrations = "classpath:fixtures/tracking")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class WritesThroughAResetTestCase {

		private static CompletableFuture<Void> background;

		@Test
		@Order(1)
		void startsATransactionThatOutlivesIt(Connection connection, DatabaseInfo info) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO customer (name) VALUES ('Committed first')");
			}
			Connection own = DriverManager.getConnection(info.jdbcUrl(), info.username(), info.password());
			own.setAutoCommit(false);
			try (Statement statement = own.createStatement()) {
				statement.executeUpdate("INSERT INTO customer (name) VALUES ('Before the reset')");
			}
			background = CompletableFuture.runAsync(() -> {
				try (own; Statement statement = own.createStatement()) {
					statement.execute("SELECT pg_sleep(2)"); // the next test's reset happens meanwhile
					statement.executeUpdate("INSERT INTO customer (name) VALUES ('After the reset')");
					own.commit();
				}
				catch (SQLException e) {
					throw new CompletionException(e);
				}
			});
		}

		@Test
		@Order(2)
		void waitsForItToCommit(Connection connection) throws Exception {
			background.get(30, TimeUnit.SECONDS);
			assertThat(column(connection, "SELECT name FROM customer WHERE id > 2 ORDER BY name"))
				.isEqualTo("[After the reset, Before the reset]");
		}

		@Test
		@Order(3)
		void findsTheTemplate(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT id || ' ' || name FROM customer ORDER BY id")).isEqualTo("[1 Ada, 2 Grace]");
		}
	}

	@DatabaseUnderTest(value = Backend.POSTGRES, migrations = "classpath:fixtures/tracking")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class SwitchesTrackingOffTestCase {

		@Test
		@Order(1)
		void disablesTheEventTriggersAndAddsAColumn(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER EVENT TRIGGER dbundertest_track_ddl DISABLE");
				statement.execute("ALTER TABLE customer ADD COLUMN nickname TEXT");
			}
		}

		@Test
		@Order(2)
		void findsTheTemplatesColumns(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT column_name FROM information_schema.columns"
					+ " WHERE table_name = 'customer' ORDER BY ordinal_position")).isEqualTo("[id, name]");
		}
	}
}
