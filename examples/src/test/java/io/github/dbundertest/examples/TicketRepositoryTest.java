package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TicketDeskDatabase
class TicketRepositoryTest {

	private static final Instant NOON = Instant.parse("2030-01-15T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOON);
	private TicketRepository tickets;

	@BeforeEach
	void createRepository(DataSource dataSource) {
		tickets = new TicketRepository(dataSource, clock);
	}

	@Test
	void createdTicketIsFoundAsCreated(DataSource dataSource) throws SQLException {
		long alice = new UserRepository(dataSource, new PasswordHasher()).findByEmail(Seed.ALICE).orElseThrow().id();

		Ticket created = tickets.create(new NewTicket("Keyboard missing keys", alice, List.of("Hardware", "desk")));

		assertEquals(new Ticket(created.id(), "Keyboard missing keys", TicketStatus.OPEN, alice,
				List.of("desk", "hardware"), NOON), created);
		assertEquals(Optional.of(created), tickets.find(created.id()));
	}

	@Test
	void missingTicketIsNotFound() throws SQLException {
		assertEquals(Optional.empty(), tickets.find(999));
	}

	@Test
	void unknownAssigneeIsRefusedAndNothingIsStored(Connection connection) throws SQLException {
		assertThrows(UnknownReferenceException.class,
				() -> tickets.create(new NewTicket("Orphan", 999L, List.of("lost"))));

		assertEquals(Seed.TICKETS, Rows.count(connection, "tickets"));
		assertEquals(4, Rows.count(connection, "ticket_tags")); // the seed's
	}

	@Test
	void listIsOrderedByCreationTimeNotById() throws SQLException {
		clock.set(NOON.plusSeconds(60));
		tickets.create(new NewTicket("Created second, at 12:01"));
		clock.set(NOON);
		tickets.create(new NewTicket("Created first, at 12:00"));

		assertEquals(List.of(Seed.PRINTER, Seed.VPN, "Created first, at 12:00", "Created second, at 12:01"),
				titles(tickets.list(TicketStatus.OPEN, 10, 0)));
	}

	@Test
	void ticketsCreatedAtTheSameInstantAreOrderedById() throws SQLException {
		long first = tickets.create(new NewTicket("Same instant, first")).id();
		long second = tickets.create(new NewTicket("Same instant, second")).id();

		List<Ticket> open = tickets.list(TicketStatus.OPEN, 10, 0);

		assertEquals(List.of(first, second), open.subList(2, 4).stream().map(Ticket::id).toList());
	}

	@Test
	void pagesCoverEveryTicketOnce() throws SQLException {
		for (int i = 1; i <= 5; i++) {
			clock.set(NOON.plusSeconds(i));
			tickets.create(new NewTicket("Ticket " + i));
		}
		List<Ticket> all = tickets.list(TicketStatus.OPEN, 100, 0);

		List<Ticket> paged = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		for (int offset = 0; offset < all.size(); offset += 3) {
			List<Ticket> page = tickets.list(TicketStatus.OPEN, 3, offset);
			paged.addAll(page);
			pageSizes.add(page.size());
		}

		assertEquals(7, all.size());
		assertEquals(List.of(3, 3, 1), pageSizes);
		assertEquals(all, paged);
	}

	@Test
	void closedTicketLeavesTheOpenList() throws SQLException {
		Ticket ticket = tickets.create(new NewTicket("Close me"));

		assertTrue(tickets.close(ticket.id()));
		assertFalse(tickets.close(ticket.id()), "already closed");

		assertEquals(List.of(Seed.PRINTER, Seed.VPN), titles(tickets.list(TicketStatus.OPEN, 10, 0)));
		assertEquals(List.of(Seed.LAPTOP, "Close me"), titles(tickets.list(TicketStatus.CLOSED, 10, 0)));
	}

	private static List<String> titles(List<Ticket> tickets) {
		return tickets.stream().map(Ticket::title).toList();
	}
}
