package io.github.dbundertest.benchmarks.postgres;

import java.sql.SQLException;

import org.flywaydb.core.Flyway;

/** Flyway clean, migrate and the seed again: what a suite without a template would do before each test. */
final class FlywayCleanMigrate extends PostgresCandidate {

	private final Flyway flyway;

	FlywayCleanMigrate(PostgresFixture fixture) throws SQLException {
		super(fixture);
		this.flyway = fixture.migrations().flyway(fixture.server().dataSource(database), true);
	}

	@Override
	public void reset() throws SQLException {
		flyway.clean();
		flyway.migrate();
		fixture.migrations().seed(test);
	}
}
