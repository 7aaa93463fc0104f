package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import org.junit.jupiter.api.Test;

/** The parameters a test class can ask for: in its constructor, and in its methods. */
// tag::injection[]
@TicketDeskDatabase
class InjectionTest {

	private final TicketRepository tickets;

	InjectionTest(DataSource dataSource) {
		this.tickets = new TicketRepository(dataSource, Clock.systemUTC());
	}

	@Test
	void countsOpenTickets(Connection connection, Backend backend) throws SQLException {
		assertEquals(backend == Backend.POSTGRES ? "PostgreSQL" : "SQLite",
				connection.getMetaData().getDatabaseProductName());
		assertEquals(2, tickets.list(TicketStatus.OPEN, 10, 0).size());
	}

	@Test
	void codeUnderTestMayOpenItsOwnConnections(DatabaseInfo database) throws SQLException {
		String url = database.jdbcUrl();
		try (Connection own = DriverManager.getConnection(url, database.username(), database.password());
				Statement statement = own.createStatement()) {
			// foreign keys hold on SQLite too: its URL turns them on for every connection
			assertThrows(SQLException.class, () -> statement.executeUpdate(
					"UPDATE tickets SET assignee_id = 999 WHERE title = '" + Seed.PRINTER + "'"));
		}
	}
}
// end::injection[]
