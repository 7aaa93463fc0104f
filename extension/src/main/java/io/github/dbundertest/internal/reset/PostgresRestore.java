package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * Runs a {@link PostgresSnapshot}'s restore on a connection kept open for it: one round trip that deletes every
 * row, inserts the template's rows, puts every sequence back where the template left it, and checks the schema.
 */
public final class PostgresRestore implements ResetStrategy {

	private final PostgresSnapshot snapshot;
	private final Supplier<Connection> connections;
	private Connection connection;

	public PostgresRestore(PostgresSnapshot snapshot, Supplier<Connection> connections) {
		this.snapshot = snapshot;
		this.connections = connections;
	}

	@Override
	public synchronized void reset() throws SQLException {
		String fingerprint;
		try (Statement statement = connection().createStatement()) {
			fingerprint = lastResult(statement, statement.execute(snapshot.restoreCall()));
		}
		catch (SQLException e) {
			close(); // the session may be left inside a failed transaction
			throw e;
		}
		if (!snapshot.schemaFingerprint().equals(fingerprint)) {
			throw new SQLException("a test changed the schema (tables, columns, constraints, indexes, triggers or "
					+ "functions differ from the template's), which restoring rows cannot undo");
		}
	}

	/** The maintenance connection, with the restore function installed in its temporary schema. */
	private Connection connection() throws SQLException {
		if (connection == null || connection.isClosed()) {
			connection = connections.get();
			try (Statement statement = connection.createStatement()) {
				statement.execute(snapshot.installFunction());
			}
		}
		return connection;
	}

	/** The first column of the script's last result set. */
	private static String lastResult(Statement statement, boolean isResultSet) throws SQLException {
		String last = null;
		while (true) {
			if (isResultSet) {
				try (ResultSet rows = statement.getResultSet()) {
					if (rows.next()) {
						last = rows.getString(1);
					}
				}
			}
			else if (statement.getUpdateCount() == -1) {
				return last;
			}
			isResultSet = statement.getMoreResults();
		}
	}

	@Override
	public String name() {
		return "postgres-restore";
	}

	@Override
	public synchronized void close() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				// the database is dropped or rebuilt next
			}
			connection = null;
		}
	}
}
