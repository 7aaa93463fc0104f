package io.github.dbundertest.benchmarks.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.dbundertest.benchmarks.harness.DatabaseState;
import io.github.dbundertest.benchmarks.harness.ResetCandidate;

/**
 * A candidate on its own copy of the template, with the test's connection kept open across tests the way a
 * connection pool keeps it. The test commits.
 */
abstract class PostgresCandidate implements ResetCandidate {

	protected final PostgresFixture fixture;
	protected final String database;
	protected Connection test;

	PostgresCandidate(PostgresFixture fixture) throws SQLException {
		this(fixture, false);
	}

	/** @param tracked whether its copy carries the extension's change tracking */
	PostgresCandidate(PostgresFixture fixture, boolean tracked) throws SQLException {
		this.fixture = fixture;
		this.database = fixture.newCopy(tracked);
		this.test = openTestConnection();
	}

	protected final Connection openTestConnection() throws SQLException {
		Connection connection = fixture.connect(database);
		connection.setAutoCommit(false);
		return connection;
	}

	@Override
	public void runTest() throws SQLException {
		fixture.workload().insertRows(test);
		test.commit();
	}

	@Override
	public DatabaseState state() throws SQLException {
		try (Connection connection = fixture.connect(database)) {
			return DatabaseState.ofPostgres(connection);
		}
	}

	/** Releases what the subclass holds, before the copy is dropped. */
	protected void release() {
	}

	@Override
	public final void close() {
		release();
		closeQuietly(test);
		try {
			fixture.drop(database);
		}
		catch (SQLException e) {
			System.err.println("Could not drop " + database + ": " + e.getMessage());
		}
	}

	static void closeQuietly(Connection connection) {
		try {
			if (connection != null) {
				connection.close();
			}
		}
		catch (SQLException e) {
			// the database is dropped next
		}
	}
}
