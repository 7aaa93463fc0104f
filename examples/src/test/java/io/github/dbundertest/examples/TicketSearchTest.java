package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.EnabledOnBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portable title search, which must mean the same on both backends although their LIKE does not (SQLite's
 * ignores letter case, PostgreSQL's does not), and one PostgreSQL-only comparison with full-text search.
 */
@TicketDeskDatabase
class TicketSearchTest {

	private TicketRepository tickets;

	@BeforeEach
	void createRepository(DataSource dataSource) {
		tickets = new TicketRepository(dataSource, Clock.systemUTC());
	}

	@Test
	void findsTitlesInAnyLetterCase() throws SQLException {
		assertEquals(List.of(Seed.PRINTER), titles(tickets.search("PRINTER on FLOOR")));
		assertEquals(List.of(Seed.VPN), titles(tickets.search("vpn")));
	}

	@Test
	void findsEveryMatchOldestFirst() throws SQLException {
		tickets.create(new NewTicket("Second printer jammed too"));

		assertEquals(List.of(Seed.PRINTER, "Second printer jammed too"), titles(tickets.search("jammed")));
	}

	@Test
	void percentAndUnderscoreMatchOnlyThemselves() throws SQLException {
		tickets.create(new NewTicket("Disk 100% full"));
		tickets.create(new NewTicket("Disk 1000 errors"));
		tickets.create(new NewTicket("user_name field empty"));
		tickets.create(new NewTicket("username field empty"));

		assertEquals(List.of("Disk 100% full"), titles(tickets.search("100%")));
		assertEquals(List.of("user_name field empty"), titles(tickets.search("user_")));
	}

	@Test
	void noMatchIsAnEmptyList() throws SQLException {
		assertEquals(List.of(), tickets.search("coffee machine"));
	}

	// tag::enabled-on-backend[]
	@Test
	@EnabledOnBackend(value = Backend.POSTGRES, disabledReason = "full-text search is built on PostgreSQL's tsvector")
	void fullTextSearchFindsOtherFormsOfTheWords() throws SQLException {
		assertEquals(List.of(), tickets.search("printers jamming"));
		assertEquals(List.of(Seed.PRINTER), titles(tickets.searchFullText("printers jamming")));
	}
	// end::enabled-on-backend[]

	private static List<String> titles(List<Ticket> tickets) {
		return tickets.stream().map(Ticket::title).toList();
	}
}
