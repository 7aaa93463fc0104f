package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.github.dbundertest.benchmarks.harness.DatabaseState;
import io.github.dbundertest.benchmarks.harness.ResetCandidate;

/** A candidate on its own copy of the template file, with the test's connection kept open across tests. */
abstract class SqliteCandidate implements ResetCandidate {

	protected final SqliteFixture fixture;
	protected final Path database;
	protected Connection test;

	SqliteCandidate(SqliteFixture fixture) throws IOException, SQLException {
		this.fixture = fixture;
		this.database = fixture.newCopy();
		this.test = openTestConnection();
	}

	protected final Connection openTestConnection() throws SQLException {
		Connection connection = SqliteFixture.connect(database);
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
		try (Connection connection = SqliteFixture.connect(database)) {
			return DatabaseState.ofSqlite(connection);
		}
	}

	/** Releases what the subclass holds, before the file is deleted. */
	protected void release() {
	}

	@Override
	public final void close() {
		release();
		closeQuietly(test);
		SqliteFixture.deleteDatabase(database);
	}

	static void closeQuietly(Connection connection) {
		try {
			if (connection != null) {
				connection.close();
			}
		}
		catch (SQLException e) {
			// the file is deleted next
		}
	}
}
