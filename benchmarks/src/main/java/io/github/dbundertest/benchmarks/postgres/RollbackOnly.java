package io.github.dbundertest.benchmarks.postgres;

import java.sql.SQLException;

/**
 * The test runs inside a transaction that is rolled back. The cheapest reset there is, but not commit-proof: what
 * the code under test commits on its own connection stays, and sequences do not roll back, so ids drift.
 */
final class RollbackOnly extends PostgresCandidate {

	RollbackOnly(PostgresFixture fixture) throws SQLException {
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
