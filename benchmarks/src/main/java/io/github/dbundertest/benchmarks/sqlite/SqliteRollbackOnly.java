package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The test runs inside a transaction that is rolled back. Unlike PostgreSQL's sequences, {@code sqlite_sequence}
 * is an ordinary table and rolls back too; but what the code under test commits stays.
 */
final class SqliteRollbackOnly extends SqliteCandidate {

	SqliteRollbackOnly(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
	}

	@Override
	public void runTest() throws SQLException {
		fixture.workload().insertRows(test);
	}

	@Override
	public void runCommittedTest() throws SQLException {
		super.runTest();
	}

	@Override
	public void reset() throws SQLException {
		test.rollback();
	}
}
