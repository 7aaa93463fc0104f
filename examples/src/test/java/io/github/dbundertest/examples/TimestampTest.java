package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timestamps are instants: stored in UTC (as ISO-8601 text on SQLite, as {@code timestamptz} on PostgreSQL), read
 * back unchanged, whatever time zone the JVM or the database session is in, and ordered in time.
 */
@TicketDeskDatabase
class TimestampTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T12:00:00Z"));
	private TicketRepository tickets;

	@BeforeEach
	void createRepository(DataSource dataSource) {
		tickets = new TicketRepository(dataSource, clock);
	}

	@Test
	void seededTimestampsAreReadAsUtc() throws SQLException {
		assertEquals(Seed.PRINTER_CREATED_AT, tickets.search(Seed.PRINTER).get(0).createdAt());
	}

	@Test
	void instantSurvivesAChangeOfTheJvmTimeZone() throws SQLException {
		// 02:30 on 31 March 2024 does not exist in Berlin (clocks went from 02:00 to 03:00): a local date-time
		// would be shifted or refused, an instant is not
		Instant inTheGap = Instant.parse("2024-03-31T00:30:00Z");
		clock.set(inTheGap);
		// the default zone is JVM-wide: fine here, where test classes run one at a time, not in parallel
		TimeZone jvmZone = TimeZone.getDefault();
		long id;
		try {
			// the PostgreSQL driver gives each new connection the JVM's zone as session TimeZone
			TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
			id = tickets.create(new NewTicket("Written in Berlin")).id();
			TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Honolulu"));
			assertEquals(inTheGap, tickets.find(id).orElseThrow().createdAt(), "read in Honolulu");
		}
		finally {
			TimeZone.setDefault(jvmZone);
		}
		assertEquals(inTheGap, tickets.find(id).orElseThrow().createdAt(), "read in the JVM's own zone");
	}

	@Test
	void microsecondsAreKeptAndNanosecondsDropped() throws SQLException {
		clock.set(Instant.parse("2030-01-15T12:00:00.123456789Z"));

		Ticket ticket = tickets.create(new NewTicket("Precise"));

		assertEquals(Instant.parse("2030-01-15T12:00:00.123456Z"), ticket.createdAt());
		assertEquals(ticket, tickets.find(ticket.id()).orElseThrow());
	}

	@Test
	void fractionsOfASecondSortInTimeOrder() throws SQLException {
		// as text, Instant.toString() would give "12:00:00.500Z" and "12:00:00Z", which sort the wrong way round
		clock.set(Instant.parse("2030-01-15T12:00:00.500Z"));
		tickets.create(new NewTicket("Half a second later"));
		clock.set(Instant.parse("2030-01-15T12:00:00Z"));
		tickets.create(new NewTicket("On the second"));

		List<String> titles = tickets.list(TicketStatus.OPEN, 10, 0).stream().map(Ticket::title).toList();

		assertEquals(List.of(Seed.PRINTER, Seed.VPN, "On the second", "Half a second later"), titles);
	}
}
