package io.github.dbundertest.benchmarks.postgres;

import java.sql.SQLException;

/**
 * DROP DATABASE and CREATE DATABASE … TEMPLATE again (the extension's full reset, used after a failed one), then
 * reconnect: every connection to the old database dies with it, so reconnecting is part of the cost.
 */
final class RecreateFromTemplate extends PostgresCandidate {

	RecreateFromTemplate(PostgresFixture fixture) throws SQLException {
		super(fixture);
	}

	@Override
	public void reset() throws SQLException {
		test.close();
		fixture.recreate(database);
		test = openTestConnection();
	}
}
