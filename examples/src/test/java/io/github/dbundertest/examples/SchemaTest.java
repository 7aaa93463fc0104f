package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DisabledOnBackend;
import io.github.dbundertest.EnabledOnBackend;
import io.github.dbundertest.SchemaComparison;
import org.junit.jupiter.api.Test;

/**
 * The rules the schema itself enforces, checked with plain SQL: they hold for every writer, not only for the
 * repositories. Most hold on both backends; where one backend is laxer, the test says so.
 */
@TicketDeskDatabase
class SchemaTest {

	private static final String ALICE_ID = "(SELECT id FROM users WHERE email = 'alice@example.com')";

	// tag::schema-comparison[]
	@Test
	void bothBackendsMigrateToTheSameSchemaButForWhatDiffersOnPurpose(SchemaComparison schemas) {
		schemas.assertSameSchema(
				"comments.created_at: type", // text on SQLite (see Dialect.SQLITE), timestamptz on PostgreSQL
				"tickets.created_at: type",
				"tickets.title_search", // full-text search exists only on PostgreSQL
				"tickets: index (title_search)");
	}
	// end::schema-comparison[]

	@Test
	void emailIsUniqueWhateverItsLetterCase(Connection connection) {
		assertThrows(SQLException.class, () -> execute(connection,
				"INSERT INTO users (email, password_hash) VALUES ('ALICE@EXAMPLE.COM', 'not-a-hash')"));
	}

	@Test
	void commentNeedsAnExistingTicket(Connection connection) {
		// on SQLite only because the connection has foreign keys on, as every connection the extension opens has
		assertThrows(SQLException.class, () -> execute(connection,
				"INSERT INTO comments (ticket_id, author_id, body, created_at)"
						+ " VALUES (999, " + ALICE_ID + ", 'Into the void', '2030-01-15T12:00:00.000000Z')"));
	}

	@Test
	void statusIsOpenOrClosed(Connection connection) {
		assertThrows(SQLException.class, () -> execute(connection, "UPDATE tickets SET status = 'pending'"));
	}

	@Test
	void deletingATicketDeletesItsCommentsAndTags(Connection connection) throws SQLException {
		execute(connection, "DELETE FROM tickets WHERE title = '" + Seed.PRINTER + "'");

		assertEquals(0, Rows.count(connection, "comments"));
		assertEquals(2, Rows.count(connection, "ticket_tags")); // the laptop's and the VPN ticket's
	}

	// tag::disabled-on-backend[]
	@Test
	@DisabledOnBackend(value = Backend.SQLITE, disabledReason = "SQLite accepts text of any length in a VARCHAR(254)")
	void overlongEmailIsRefusedEvenWithoutTheRepository(Connection connection) {
		String email = "a".repeat(UserRepository.MAX_EMAIL_LENGTH) + "@example.com";

		SQLException e = assertThrows(SQLException.class, () -> execute(connection,
				"INSERT INTO users (email, password_hash) VALUES ('" + email + "', 'not-a-hash')"));
		assertEquals("22001", e.getSQLState(), e.getMessage()); // string data right truncation
	}
	// end::disabled-on-backend[]

	@Test
	@EnabledOnBackend(value = Backend.SQLITE, disabledReason = "PostgreSQL stores timestamps as timestamptz, not text")
	void timestampTextMustHaveTheSortableFormat(Connection connection) {
		assertThrows(SQLException.class,
				() -> execute(connection, "UPDATE tickets SET created_at = '2024-05-01 09:00:00'"));
	}

	@Test
	void startupMigrationFindsTheSchemaUpToDate(DataSource dataSource) throws SQLException {
		// the application (Migrations) and the tests (@TicketDeskDatabase) apply the same scripts
		assertEquals(0, Migrations.migrate(dataSource));
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}
}
