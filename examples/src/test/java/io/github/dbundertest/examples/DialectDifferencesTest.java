package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;
import org.junit.jupiter.api.Test;

/**
 * SQL that SQLite accepts and PostgreSQL refuses or answers differently, each next to a form both agree on. The
 * SQLite-only forms must run on SQLite and fail on PostgreSQL with the SQLState shown; the portable forms must give
 * the same answer on both. {@code docs/migrating-from-sqlite.md} shows these tests.
 *
 * <p>A test-only migration adds a boolean and a decimal column to the ticket desk's tables.
 */
@DatabaseUnderTest(
		migrations = { "classpath:db/migration/common", "classpath:db/migration/{vendor}",
				"classpath:db/dialect-differences" },
		seed = "classpath:seed/ticket-desk.sql")
class DialectDifferencesTest {

	// tag::types[]
	@Test
	void columnsHoldOnlyValuesOfTheirType(Connection connection, Backend backend) throws SQLException {
		// SQLite stores the text in a DECIMAL column, and 201 characters in a VARCHAR(200)
		onlySqliteAccepts(connection, backend, "UPDATE tickets SET hours_spent = 'a lot'", "22P02");
		onlySqliteAccepts(connection, backend, "UPDATE tickets SET title = '" + "x".repeat(201) + "'", "22001");
	}
	// end::types[]

	// tag::booleans[]
	@Test
	void booleansAreNotNumbers(Connection connection, Backend backend) throws SQLException {
		onlySqliteAccepts(connection, backend, "UPDATE tickets SET urgent = 1", "42804");
		onlySqliteAccepts(connection, backend, "SELECT title FROM tickets WHERE urgent = 1", "42883");

		try (PreparedStatement update = connection.prepareStatement("UPDATE tickets SET urgent = ? WHERE title = ?")) {
			update.setBoolean(1, true);
			update.setString(2, Seed.VPN);
			update.executeUpdate();
		}
		assertEquals(List.of(Seed.VPN), rows(connection, "SELECT title FROM tickets WHERE urgent = TRUE"));
	}
	// end::booleans[]

	// tag::division[]
	@Test
	void wholeDecimalsDivideAsIntegersOnSqlite(Connection connection, Backend backend) throws SQLException {
		execute(connection, "UPDATE tickets SET hours_spent = 7.00 WHERE title = '" + Seed.PRINTER + "'");

		// SQLite keeps 7.00 in a DECIMAL column as the integer 7, and 7 / 2 is 3; PostgreSQL's numeric gives 3.5
		double half = number(connection, "SELECT sum(hours_spent) / 2 FROM tickets");
		assertEquals(backend == Backend.SQLITE ? 3.0 : 3.5, half);
		assertEquals(3.5, number(connection, "SELECT sum(hours_spent) / 2.0 FROM tickets"));
	}
	// end::division[]

	// tag::like[]
	@Test
	void likeComparesLetterCase(Connection connection) throws SQLException {
		// plain SQLite's LIKE ignores letter case; PostgreSQL's does not, nor does SQLite's in parity mode
		assertEquals(List.of(), rows(connection, "SELECT title FROM tickets WHERE title LIKE 'printer%'"));

		assertEquals(List.of(Seed.PRINTER),
				rows(connection, "SELECT title FROM tickets WHERE lower(title) LIKE lower('printer%')"));
	}
	// end::like[]

	// tag::group-by[]
	@Test
	void everySelectedColumnIsGroupedOrAggregated(Connection connection, Backend backend) throws SQLException {
		// SQLite picks the title of some ticket of each group
		onlySqliteAccepts(connection, backend, "SELECT status, title FROM tickets GROUP BY status", "42803");

		assertEquals(List.of("closed 1", "open 2"),
				rows(connection, "SELECT status, count(*) FROM tickets GROUP BY status ORDER BY status"));
	}
	// end::group-by[]

	// tag::upsert[]
	@Test
	void upsertIsInsertOnConflict(Connection connection, Backend backend) throws SQLException {
		long printer = ticketId(connection, Seed.PRINTER);
		String sqliteOnly = "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (" + printer + ", 'printer')";
		onlySqliteAccepts(connection, backend, sqliteOnly, "42601");

		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?) ON CONFLICT (ticket_id, tag) DO NOTHING")) {
			insert.setLong(1, printer);
			insert.setString(2, "printer");
			assertEquals(0, insert.executeUpdate()); // tagged so already
			insert.setString(2, "urgent");
			assertEquals(1, insert.executeUpdate());
		}
	}
	// end::upsert[]

	// tag::identity[]
	@Test
	void idsComeFromTheDatabase(Connection connection, Backend backend) throws SQLException {
		// an AUTOINCREMENT column takes the id it is given; an identity GENERATED ALWAYS refuses it
		onlySqliteAccepts(connection, backend,
				"INSERT INTO users (id, email, password_hash) VALUES (100, 'carol@example.com', 'x')", "428C9");

		List<String> id = rows(connection,
				"INSERT INTO users (email, password_hash) VALUES ('carol@example.com', 'x') RETURNING id");
		assertEquals(List.of(String.valueOf(Seed.USERS + 1)), id);
	}
	// end::identity[]

	// tag::quotes[]
	@Test
	void doubleQuotesAreForNamesAndQuotedNamesKeepTheirCase(Connection connection, Backend backend)
			throws SQLException {
		// SQLite takes "open" for a string when no column has that name
		onlySqliteAccepts(connection, backend, "SELECT title FROM tickets WHERE status = \"open\"", "42703");
		// PostgreSQL folds unquoted names to lower case, and matches quoted ones exactly
		onlySqliteAccepts(connection, backend, "SELECT \"Title\" FROM tickets", "42703");

		assertEquals(2, rows(connection, "SELECT Title FROM tickets WHERE status = 'open'").size());
	}
	// end::quotes[]

	// tag::sqlite-only[]
	/** On SQLite the statement runs; on PostgreSQL it fails with the SQLState. Either way it is rolled back. */
	private static void onlySqliteAccepts(Connection connection, Backend backend, String sql, String postgresSqlState)
			throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			if (backend == Backend.SQLITE) {
				statement.execute(sql);
			}
			else {
				SQLException e = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
				assertEquals(postgresSqlState, e.getSQLState(), e.getMessage());
			}
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}
	// end::sqlite-only[]

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	/** Each row's columns as text, separated by a space. */
	private static List<String> rows(Connection connection, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<String> values = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					values.add(result.getString(i));
				}
				rows.add(String.join(" ", values));
			}
		}
		return rows;
	}

	private static long ticketId(Connection connection, String title) throws SQLException {
		return Long.parseLong(rows(connection, "SELECT id FROM tickets WHERE title = '" + title + "'").get(0));
	}

	private static double number(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getDouble(1);
		}
	}
}
