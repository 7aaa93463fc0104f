package io.github.dbundertest.examples;

import static io.github.dbundertest.Backend.POSTGRES;
import static io.github.dbundertest.Backend.SQLITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.EnabledOnBackend;
import io.github.dbundertest.Reset;
import org.junit.jupiter.api.Test;

/**
 * A ticket's tags, read through the repository on both backends and as a PostgreSQL array on PostgreSQL only. Every
 * attribute of {@link DatabaseUnderTest} is spelt out here, for the README's overview; the other classes use
 * {@link TicketDeskDatabase}.
 */
// tag::overview[]
@DatabaseUnderTest(
		// the backends the class supports; the default is both
		value = { SQLITE, POSTGRES },
		// Flyway locations; {vendor} becomes sqlite or postgresql
		migrations = { "classpath:db/migration/common", "classpath:db/migration/{vendor}" },
		// SQL run after the migrations: part of the state every test starts from
		seed = "classpath:seed/ticket-desk.sql",
		// the default; with AFTER_CLASS the test methods share one database
		reset = Reset.AFTER_EACH_TEST)
class TicketTagsTest {

	private final TicketRepository tickets;

	// constructors, @BeforeEach, @AfterEach and test methods may ask for a DataSource, Connection, Backend or
	// DatabaseInfo
	TicketTagsTest(DataSource dataSource) {
		tickets = new TicketRepository(dataSource, Clock.systemUTC());
	}

	@Test
	void tagsComeSorted() throws SQLException {
		assertEquals(List.of("hardware", "printer"), tickets.search(Seed.PRINTER).get(0).tags());
	}

	@Test
	@EnabledOnBackend(value = POSTGRES, disabledReason = "arrays are PostgreSQL's") // or @DisabledOnBackend
	void tagsAggregateIntoAnArray(Connection connection) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT array_agg(tag ORDER BY tag)"
				+ " FROM ticket_tags JOIN tickets ON tickets.id = ticket_id WHERE title = ?")) {
			select.setString(1, Seed.PRINTER);
			try (ResultSet row = select.executeQuery()) {
				assertTrue(row.next());
				assertArrayEquals(new String[] { "hardware", "printer" }, (String[]) row.getArray(1).getArray());
			}
		}
	}
}
// end::overview[]
