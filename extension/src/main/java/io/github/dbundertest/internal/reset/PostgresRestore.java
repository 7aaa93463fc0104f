package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * Runs a {@link PostgresSnapshot}'s restore script on a connection kept open for it: one round trip that deletes
 * every row, inserts the template's rows and puts every sequence back where the template left it.
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
		if (connection == null || connection.isClosed()) {
			connection = connections.get();
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(snapshot.restoreScript());
		}
		catch (SQLException e) {
			close(); // the session may be left inside a failed transaction
			throw e;
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
