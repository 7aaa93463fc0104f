package io.github.dbundertest.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.core.BaseConnection;
import org.sqlite.SQLiteConnection;

/**
 * Stops what another thread still runs on a connection, such as the statement of a test that timed out in a thread
 * of its own. Until it ends, its locks block the reset and the next test, and closing its connection waits for it:
 * sqlite-jdbc runs each statement holding the connection's lock, which {@code close()} and {@code rollback()} wait
 * for (its {@code abort()} does nothing); pgjdbc's {@code abort()} closes the socket, but the server runs the
 * statement on, holding its locks.
 */
public final class RunningStatements {

	private RunningStatements() {
	}

	/**
	 * SQLite's interrupt, which takes no lock: the running statement fails at once. Costs nothing, and does nothing
	 * on a connection that runs no statement. Returns whether the connection is SQLite's.
	 */
	public static boolean interruptSqlite(Connection connection) {
		try {
			if (connection.isWrapperFor(SQLiteConnection.class)) {
				connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
				return true;
			}
		}
		catch (SQLException e) {
			// closed: nothing runs on it
		}
		return false;
	}

	/**
	 * Cancels what runs on {@code connection}: on SQLite its interrupt, on PostgreSQL a cancel request (sent on a
	 * connection of its own, as {@code Statement.cancel()} does). Returns whether the driver is one of these two.
	 */
	public static boolean cancel(Connection connection) {
		if (interruptSqlite(connection)) {
			return true;
		}
		try {
			if (connection.isWrapperFor(BaseConnection.class)) {
				connection.unwrap(BaseConnection.class).cancelQuery();
				return true;
			}
		}
		catch (SQLException e) {
			// closed, or the server cannot be reached: nothing left to cancel here
		}
		return false;
	}
}
