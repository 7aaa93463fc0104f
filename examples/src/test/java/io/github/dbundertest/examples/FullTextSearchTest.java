package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Full-text search on ticket titles, a PostgreSQL-only feature (migration {@code postgresql/V4}): this class runs
 * only where PostgreSQL is selected, and is reported as skipped otherwise.
 */
// tag::postgres-only[]
@DatabaseUnderTest(value = Backend.POSTGRES,
		migrations = { "classpath:db/migration/common", "classpath:db/migration/{vendor}" },
		seed = "classpath:seed/ticket-desk.sql")
// end::postgres-only[]
class FullTextSearchTest {

	private TicketRepository tickets;

	@BeforeEach
	void createRepository(DataSource dataSource) {
		tickets = new TicketRepository(dataSource, Clock.systemUTC());
	}

	@Test
	void findsOtherFormsOfTheSameWords() throws SQLException {
		assertEquals(List.of(Seed.PRINTER), titles(tickets.searchFullText("printers jamming")));
	}

	@Test
	void excludesWordsAfterAMinus() throws SQLException {
		tickets.create(new NewTicket("Printer out of toner"));

		assertEquals(List.of("Printer out of toner"), titles(tickets.searchFullText("printer -jammed")));
	}

	@Test
	void ranksTitlesMatchingMoreWordsFirst() throws SQLException {
		tickets.create(new NewTicket("Printer out of toner"));

		assertEquals(List.of("Printer out of toner", Seed.PRINTER),
				titles(tickets.searchFullText("printer or toner")));
	}

	@Test
	void queryOfStopWordsOnlyFindsNothing() throws SQLException {
		assertEquals(List.of(), tickets.searchFullText("is the"));
	}

	private static List<String> titles(List<Ticket> tickets) {
		return tickets.stream().map(Ticket::title).toList();
	}
}
