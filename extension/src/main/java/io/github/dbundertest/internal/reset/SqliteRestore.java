package io.github.dbundertest.internal.reset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Copies the template file's pages over the database through SQLite's online backup API, on a connection kept
 * open for it. This restores rows, {@code sqlite_sequence} and even a schema a test changed, fires no triggers,
 * and works while other connections to the database stay open (but not while one holds a transaction).
 */
public final class SqliteRestore implements ResetStrategy {

	private final Path template;
	private final Supplier<Connection> connections;
	private Connection connection;

	/**
	 * @param template the template database file
	 * @param connections opens connections to the database to reset
	 */
	public SqliteRestore(Path template, Supplier<Connection> connections) {
		this.template = template;
		this.connections = connections;
	}

	@Override
	public synchronized void reset() throws SQLException {
		if (connection == null) {
			connection = connections.get();
			try (Statement statement = connection.createStatement()) {
				// a lock held this long is a transaction some test abandoned: give up and rebuild instead
				statement.execute("PRAGMA busy_timeout = 2000");
				// no journal file created and deleted on every restore: a test database need not survive a crash
				statement.execute("PRAGMA journal_mode = MEMORY");
			}
		}
		// sqlite-jdbc's restore reports success even when another connection's lock made it copy nothing: take
		// the write lock first, so that a transaction some test abandoned fails the reset instead
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			statement.execute("ROLLBACK");
		}
		catch (SQLException e) {
			throw new SQLException("another connection holds the write lock; did a test leave a transaction open? ("
					+ e.getMessage() + ")", e);
		}
		int result = connection.unwrap(SQLiteConnection.class)
			.getDatabase()
			.restore("main", template.toAbsolutePath().toString(), null);
		if (result != SQLiteErrorCode.SQLITE_OK.code) {
			throw new SQLException("Restoring from template " + template + " failed: "
					+ SQLiteErrorCode.getErrorCode(result), null, result);
		}
	}

	@Override
	public String name() {
		return "sqlite-restore";
	}

	@Override
	public synchronized void close() {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				// the database file is deleted next; nothing to keep
			}
			connection = null;
		}
	}
}
