package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;

/** Delete the file, migrate a new one with Flyway, seed it, open it: a suite without a template. */
final class SqliteFreshMigrate extends SqliteCandidate {

	private final Flyway flyway;

	SqliteFreshMigrate(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
		this.flyway = fixture.migrations().flyway(SqliteFixture.dataSource(database), false);
	}

	@Override
	public void reset() throws SQLException {
		test.close();
		SqliteFixture.deleteDatabase(database);
		flyway.migrate();
		test = openTestConnection();
		fixture.migrations().seed(test);
	}
}
