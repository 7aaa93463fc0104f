package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.Reset;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link Reset#AFTER_CLASS}: the tests of one backend's run share a database, so a later test sees what an earlier
 * one committed; the other backend's run starts from the seed again. For step-by-step scenarios only: such tests
 * depend on their order.
 */
// tag::after-class[]
@DatabaseUnderTest(
		migrations = { "classpath:db/migration/common", "classpath:db/migration/{vendor}" },
		seed = "classpath:seed/ticket-desk.sql",
		reset = Reset.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedDatabaseTest {

	private static final String TITLE = "Kept for the next test";

	@Test
	@Order(1)
	void firstTestOpensATicket(DataSource dataSource) throws SQLException {
		TicketRepository tickets = new TicketRepository(dataSource, Clock.systemUTC());
		assertEquals(List.of(), tickets.search(TITLE), "every backend's run starts from the seed");

		tickets.create(new NewTicket(TITLE));
	}

	@Test
	@Order(2)
	void secondTestStillSeesIt(DataSource dataSource) throws SQLException {
		List<Ticket> found = new TicketRepository(dataSource, Clock.systemUTC()).search(TITLE);

		assertEquals(List.of(TITLE), found.stream().map(Ticket::title).toList());
	}
}
// end::after-class[]
