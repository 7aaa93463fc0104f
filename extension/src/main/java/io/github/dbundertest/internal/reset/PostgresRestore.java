package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * Runs a {@link PostgresSnapshot}'s restore on a connection kept open for it: one round trip that puts the rows
 * and sequence positions of the template back (all of them, or with change tracking only those a test changed),
 * unlinks the large objects a test created, and checks that the schema and the template's own large objects are
 * still the template's.
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
	public void reset() throws SQLException {
		reset(false);
	}

	/**
	 * The first reset of a database that an earlier run kept: it also fails if the record of the changes made
	 * since may be incomplete.
	 */
	public void resetKeptDatabase() throws SQLException {
		reset(true);
	}

	@Override
	public synchronized void prepareForLaterRun() throws SQLException {
		String mark = snapshot.markKeptForLaterRun();
		if (!mark.isEmpty()) {
			try (Statement statement = connection().createStatement()) {
				statement.execute(mark);
			}
		}
	}

	private synchronized void reset(boolean firstAfterKeep) throws SQLException {
		String result;
		try (Statement statement = connection().createStatement()) {
			result = lastResult(statement, statement.execute(snapshot.restoreCall(firstAfterKeep)));
		}
		catch (SQLException e) {
			close(); // the session may be left inside a failed transaction
			throw e;
		}
		switch (String.valueOf(result)) {
			case PostgresSnapshot.RESTORED -> {
			}
			case PostgresSnapshot.SCHEMA_CHANGED -> throw new SQLException(snapshot.tracked()
					? "a test changed the schema (DDL outside temporary schemas), which restoring rows cannot undo"
					: "a test changed the schema (tables, columns, constraints, indexes, triggers or functions differ "
							+ "from the template's), which restoring rows cannot undo");
			case PostgresSnapshot.LARGE_OBJECTS_CHANGED -> throw new SQLException("a test wrote to, unlinked or gave "
					+ "away a large object that the migrations created, which restoring rows cannot undo");
			case PostgresSnapshot.CHANGE_RECORD_LOST -> throw new SQLException("the record of what was written to it "
					+ "since it was kept is gone, as after a crash of the server");
			default -> throw new SQLException("the restore function returned '" + result + "'");
		}
	}

	/** The maintenance connection, set up for restoring, with the restore function in its temporary schema. */
	private Connection connection() throws SQLException {
		if (connection == null || connection.isClosed()) {
			connection = connections.get();
			try (Statement statement = connection.createStatement()) {
				statement.execute(snapshot.prepareSession());
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
