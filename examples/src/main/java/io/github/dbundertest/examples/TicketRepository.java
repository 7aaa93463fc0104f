package io.github.dbundertest.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Tickets and their tags. Lists are ordered by creation time, then id, so that tickets created in the same
 * microsecond still come in a stable order, page after page.
 */
public final class TicketRepository {

	private static final String COLUMNS = "id, title, status, assignee_id, created_at";

	private final DataSource dataSource;
	private final Clock clock;

	/** @param clock the source of {@link Ticket#createdAt()} */
	public TicketRepository(DataSource dataSource, Clock clock) {
		this.dataSource = dataSource;
		this.clock = clock;
	}

	/**
	 * Opens a ticket, with its tags, in one transaction.
	 *
	 * @throws UnknownReferenceException if the assignee does not exist
	 */
	public Ticket create(NewTicket ticket) throws SQLException {
		// PostgreSQL keeps microseconds; cutting here makes the returned ticket equal to the stored one
		Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		try (Connection connection = dataSource.getConnection()) {
			Dialect dialect = Dialect.of(connection);
			connection.setAutoCommit(false);
			try {
				long id = insertTicket(connection, dialect, ticket, createdAt);
				insertTags(connection, id, ticket.tags());
				connection.commit();
				return new Ticket(id, ticket.title(), TicketStatus.OPEN, ticket.assigneeId(), ticket.tags(), createdAt);
			}
			catch (SQLException e) {
				connection.rollback();
				if (dialect.isForeignKeyViolation(e)) {
					throw new UnknownReferenceException("No user " + ticket.assigneeId() + " to assign", e);
				}
				throw e;
			}
		}
	}

	private static long insertTicket(Connection connection, Dialect dialect, NewTicket ticket, Instant createdAt)
			throws SQLException {
		String sql = "INSERT INTO tickets (title, status, assignee_id, created_at) VALUES (?, ?, ?, ?) RETURNING id";
		try (PreparedStatement insert = connection.prepareStatement(sql)) {
			insert.setString(1, ticket.title());
			insert.setString(2, TicketStatus.OPEN.value());
			if (ticket.assigneeId() == null) {
				insert.setNull(3, Types.BIGINT);
			}
			else {
				insert.setLong(3, ticket.assigneeId());
			}
			dialect.setInstant(insert, 4, createdAt);
			try (ResultSet row = insert.executeQuery()) {
				row.next();
				return row.getLong("id");
			}
		}
	}

	private static void insertTags(Connection connection, long ticketId, List<String> tags) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO ticket_tags (ticket_id, tag) VALUES (?, ?)")) {
			for (String tag : tags) {
				insert.setLong(1, ticketId);
				insert.setString(2, tag);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	public Optional<Ticket> find(long id) throws SQLException {
		return query("SELECT " + COLUMNS + " FROM tickets WHERE id = ?", id).stream().findFirst();
	}

	// tag::list[]
	/** One page of the tickets with this status, oldest first. */
	public List<Ticket> list(TicketStatus status, int limit, int offset) throws SQLException {
		if (limit < 1 || offset < 0) {
			throw new IllegalArgumentException("Need limit >= 1 and offset >= 0, got " + limit + " and " + offset);
		}
		return query("SELECT " + COLUMNS + " FROM tickets WHERE status = ? ORDER BY created_at, id LIMIT ? OFFSET ?",
				status.value(), limit, offset);
	}
	// end::list[]

	/**
	 * The tickets whose title contains the text, in any letter case, oldest first. {@code %} and {@code _} in the
	 * text match themselves.
	 */
	public List<Ticket> search(String text) throws SQLException {
		// Neither ILIKE (PostgreSQL only) nor plain LIKE (case-insensitive on SQLite, case-sensitive on
		// PostgreSQL) means the same on both; lower() on both sides does. SQLite's lower() folds ASCII letters only.
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return query("SELECT " + COLUMNS + " FROM tickets WHERE lower(title) LIKE lower(?) ESCAPE '\\'"
				+ " ORDER BY created_at, id", pattern);
	}

	/**
	 * PostgreSQL only: the tickets whose title matches a web-search-style query ({@code printer -toner},
	 * {@code "floor 3"}), finding other forms of the same English words, best match first.
	 *
	 * @throws UnsupportedOperationException on SQLite, whose schema has no search column
	 */
	public List<Ticket> searchFullText(String query) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			Dialect dialect = Dialect.of(connection);
			if (dialect != Dialect.POSTGRESQL) {
				throw new UnsupportedOperationException("Full-text search needs PostgreSQL; use search(text)");
			}
			return query(connection, dialect, "SELECT " + COLUMNS
					+ " FROM tickets, websearch_to_tsquery('english', ?) AS query WHERE title_search @@ query"
					+ " ORDER BY ts_rank(title_search, query) DESC, created_at, id", query);
		}
	}

	/** Closes an open ticket; {@code false} if there is no open ticket with this id. */
	public boolean close(long id) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement update = connection
					.prepareStatement("UPDATE tickets SET status = ? WHERE id = ? AND status = ?")) {
			update.setString(1, TicketStatus.CLOSED.value());
			update.setLong(2, id);
			update.setString(3, TicketStatus.OPEN.value());
			return update.executeUpdate() == 1;
		}
	}

	private List<Ticket> query(String sql, Object... parameters) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return query(connection, Dialect.of(connection), sql, parameters);
		}
	}

	private static List<Ticket> query(Connection connection, Dialect dialect, String sql, Object... parameters)
			throws SQLException {
		List<Row> tickets = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				select.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					tickets.add(new Row(rows.getLong("id"), rows.getString("title"),
							TicketStatus.of(rows.getString("status")), nullableLong(rows, "assignee_id"),
							dialect.getInstant(rows, "created_at")));
				}
			}
		}
		Map<Long, List<String>> tags = tagsOf(connection, tickets);
		return tickets.stream().map(ticket -> ticket.withTags(tags.getOrDefault(ticket.id(), List.of()))).toList();
	}

	private static Long nullableLong(ResultSet row, String column) throws SQLException {
		// not getObject(column, Long.class): the SQLite driver refuses it for NULL ("Bad value for type Long")
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	/** The tags of all the tickets in one query, each ticket's sorted. */
	private static Map<Long, List<String>> tagsOf(Connection connection, List<Row> tickets) throws SQLException {
		Map<Long, List<String>> tags = new HashMap<>();
		if (tickets.isEmpty()) {
			return tags;
		}
		String placeholders = String.join(", ", Collections.nCopies(tickets.size(), "?"));
		try (PreparedStatement select = connection
			.prepareStatement("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN (" + placeholders + ")")) {
			for (int i = 0; i < tickets.size(); i++) {
				select.setLong(i + 1, tickets.get(i).id());
			}
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					tags.computeIfAbsent(rows.getLong("ticket_id"), id -> new ArrayList<>()).add(rows.getString("tag"));
				}
			}
		}
		// tag::collation[]
		// sorted here, not with ORDER BY: text order follows the collation, binary on SQLite but the locale's
		// on PostgreSQL, and NewTicket sorts with String.compareTo
		tags.values().forEach(Collections::sort);
		// end::collation[]
		return tags;
	}

	private record Row(long id, String title, TicketStatus status, Long assigneeId, Instant createdAt) {

		Ticket withTags(List<String> tags) {
			return new Ticket(id, title, status, assigneeId, List.copyOf(tags), createdAt);
		}
	}
}
