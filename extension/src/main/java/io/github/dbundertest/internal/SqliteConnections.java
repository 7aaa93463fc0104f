package io.github.dbundertest.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConnection;

/**
 * Stops what another thread still runs on a SQLite connection, such as the query of a test that timed out in a
 * thread of its own. sqlite-jdbc runs each statement holding the connection's lock, which its {@code close()}
 * and {@code rollback()} wait for; its {@code abort()} does nothing. SQLite's interrupt takes no lock: the running
 * statement fails at once, and the lock is free for the close. On a connection that runs nothing it has no effect.
 */
public final class SqliteConnections {

	private SqliteConnections() {
	}

	/** Interrupts what runs on {@code connection} if it is SQLite's; returns whether it was. */
	public static boolean interrupt(Connection connection) {
		try {
			if (!connection.isWrapperFor(SQLiteConnection.class)) {
				return false;
			}
			connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
			return true;
		}
		catch (SQLException e) {
			return false; // not SQLite's after all, or closed: nothing runs on it
		}
	}
}
