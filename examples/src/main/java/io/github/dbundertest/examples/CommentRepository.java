package io.github.dbundertest.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** Comments on tickets, oldest first. */
public final class CommentRepository {

	private final DataSource dataSource;
	private final Clock clock;

	/** @param clock the source of {@link Comment#createdAt()} */
	public CommentRepository(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.clock = clock;
	}

	/**
	 * Adds a comment.
	 *
	 * @throws UnknownReferenceException if the ticket or the author does not exist
	 * @throws IllegalArgumentException if the body is blank
	 */
	public Comment add(long ticketId, long authorId, String body) throws SQLException {
		if (body.isBlank()) {
			throw new IllegalArgumentException("A comment needs a body");
		}
		Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String sql = "INSERT INTO comments (ticket_id, author_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id";
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement(sql)) {
			Dialect dialect = Dialect.of(connection);
			insert.setLong(1, ticketId);
			insert.setLong(2, authorId);
			insert.setString(3, body);
			dialect.setInstant(insert, 4, createdAt);
			try (ResultSet row = insert.executeQuery()) {
				row.next();
				return new Comment(row.getLong("id"), ticketId, authorId, body, createdAt);
			}
			catch (SQLException e) {
				// the foreign keys answer "does the ticket exist?" without a race between a check and the insert
				if (dialect.isForeignKeyViolation(e)) {
					throw new UnknownReferenceException("No ticket " + ticketId + " or no user " + authorId, e);
				}
				throw e;
			}
		}
	}

	/** The comments on a ticket, oldest first; empty if there is no such ticket. */
	public List<Comment> list(long ticketId) throws SQLException {
		String sql = "SELECT id, author_id, body, created_at FROM comments WHERE ticket_id = ? ORDER BY created_at, id";
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(sql)) {
			Dialect dialect = Dialect.of(connection);
			select.setLong(1, ticketId);
			List<Comment> comments = new ArrayList<>();
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					comments.add(new Comment(rows.getLong("id"), ticketId, rows.getLong("author_id"),
							rows.getString("body"), dialect.getInstant(rows, "created_at")));
				}
			}
			return comments;
		}
	}
}
