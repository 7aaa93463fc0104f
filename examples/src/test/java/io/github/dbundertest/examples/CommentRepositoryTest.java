package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TicketDeskDatabase
class CommentRepositoryTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-15T12:00:00Z"));
	private CommentRepository comments;
	private long printer;
	private long bob;

	@BeforeEach
	void createRepository(DataSource dataSource) throws SQLException {
		comments = new CommentRepository(dataSource, clock);
		printer = new TicketRepository(dataSource, clock).search(Seed.PRINTER).get(0).id();
		bob = new UserRepository(dataSource, new PasswordHasher()).findByEmail(Seed.BOB).orElseThrow().id();
	}

	@Test
	void commentsAreListedOldestFirst() throws SQLException {
		clock.set(Seed.PRINTER_CREATED_AT.plusSeconds(10 * 60)); // between the two seeded comments

		Comment added = comments.add(printer, bob, "Tray 1 is fine.");

		assertEquals(List.of(Seed.FIRST_PRINTER_COMMENT, "Tray 1 is fine.", Seed.SECOND_PRINTER_COMMENT),
				comments.list(printer).stream().map(Comment::body).toList());
		assertEquals(added, comments.list(printer).get(1));
	}

	@Test
	void commentOnMissingTicketBreaksTheForeignKey(Connection connection) throws SQLException {
		// SQLite checks foreign keys only where a connection turns them on; the extension does, as must the app
		assertThrows(UnknownReferenceException.class, () -> comments.add(999, bob, "Into the void"));

		assertEquals(Seed.COMMENTS, Rows.count(connection, "comments"));
	}

	@Test
	void commentByUnknownAuthorBreaksTheForeignKey() {
		assertThrows(UnknownReferenceException.class, () -> comments.add(printer, 999, "Ghost writer"));
	}

	@Test
	void blankCommentIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> comments.add(printer, bob, " \n "));
	}

	@Test
	void missingTicketHasNoComments() throws SQLException {
		assertEquals(List.of(), comments.list(999));
	}
}
