package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every test starts from the migrated and seeded database, whatever the tests before it committed: rows, deleted
 * rows and identity counters alike. The order is fixed only so that the later tests would catch a leak from the
 * first; they do not depend on it.
 */
// tag::after-each-test[]
@TicketDeskDatabase
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetIsolationTest {

	@Test
	@Order(1)
	void commitsChanges(DataSource dataSource, Connection connection) throws SQLException {
		new TicketRepository(dataSource, Clock.systemUTC()).create(new NewTicket("Left behind?"));
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM comments"); // auto-commit is on: committed
		}

		assertEquals(Seed.TICKETS + 1, Rows.count(connection, "tickets"));
		assertEquals(0, Rows.count(connection, "comments"));
	}

	@Test
	@Order(2)
	void seesExactlyTheSeed(Connection connection) throws SQLException {
		assertEquals(Seed.USERS, Rows.count(connection, "users"));
		assertEquals(Seed.TICKETS, Rows.count(connection, "tickets"));
		assertEquals(Seed.COMMENTS, Rows.count(connection, "comments"));
	}

	@Test
	@Order(3)
	void identityCountersStartWhereTheSeedLeftThem(DataSource dataSource) throws SQLException {
		Ticket ticket = new TicketRepository(dataSource, Clock.systemUTC()).create(new NewTicket("Next in line"));

		assertEquals(Seed.TICKETS + 1, ticket.id());
	}
}
// end::after-each-test[]
