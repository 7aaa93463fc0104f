package io.github.dbundertest.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The few places where SQLite and PostgreSQL need different Java code. Everything else the repositories do is
 * SQL both understand.
 */
enum Dialect {

	/**
	 * Timestamps are {@code TEXT} in UTC with exactly six fraction digits: fixed width, so that comparing and
	 * sorting the text compares and sorts the instants ({@link Instant#toString()} drops zero fractions, and
	 * {@code "…:00Z"} would sort after {@code "…:00.5Z"}). Constraint violations carry a result code, no SQLState.
	 */
	SQLITE("sqlite") {

		// tag::sqlite-timestamps[]
		@Override
		void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
			statement.setString(index, SQLITE_TIMESTAMP.format(instant));
		}

		@Override
		Instant getInstant(ResultSet row, String column) throws SQLException {
			return Instant.parse(row.getString(column));
		}
		// end::sqlite-timestamps[]

		// tag::sqlite-constraint-errors[]
		@Override
		boolean isUniqueViolation(SQLException e) {
			return resultCode(e) == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
		}

		@Override
		boolean isForeignKeyViolation(SQLException e) {
			return resultCode(e) == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
		}

		private SQLiteErrorCode resultCode(SQLException e) {
			return e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
		}
		// end::sqlite-constraint-errors[]
	},

	/**
	 * Timestamps are {@code TIMESTAMP WITH TIME ZONE}, passed as {@link OffsetDateTime}: unlike
	 * {@link java.sql.Timestamp} or {@link java.time.LocalDateTime}, that does not depend on the JVM's or the
	 * session's time zone. Constraint violations carry the standard SQLState.
	 */
	POSTGRESQL("postgresql") {

		// tag::postgres-timestamps[]
		@Override
		void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
			statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
		}

		@Override
		Instant getInstant(ResultSet row, String column) throws SQLException {
			return row.getObject(column, OffsetDateTime.class).toInstant();
		}
		// end::postgres-timestamps[]

		// tag::postgres-constraint-errors[]
		@Override
		boolean isUniqueViolation(SQLException e) {
			return "23505".equals(e.getSQLState());
		}

		@Override
		boolean isForeignKeyViolation(SQLException e) {
			return "23503".equals(e.getSQLState());
		}
		// end::postgres-constraint-errors[]
	};

	// tag::sqlite-timestamp-format[]
	private static final DateTimeFormatter SQLITE_TIMESTAMP = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);
	// end::sqlite-timestamp-format[]

	private final String vendor;

	Dialect(String vendor) {
		this.vendor = vendor;
	}

	/** The dialect of the database the connection is open on. */
	static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		return switch (product) {
			case "SQLite" -> SQLITE;
			case "PostgreSQL" -> POSTGRESQL;
			default -> throw new SQLException("The ticket desk runs on SQLite or PostgreSQL, not on " + product);
		};
	}

	/** The folder of this dialect's own migrations, below {@code db/migration/}. */
	String vendor() {
		return vendor;
	}

	abstract void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

	abstract Instant getInstant(ResultSet row, String column) throws SQLException;

	abstract boolean isUniqueViolation(SQLException e);

	abstract boolean isForeignKeyViolation(SQLException e);
}
