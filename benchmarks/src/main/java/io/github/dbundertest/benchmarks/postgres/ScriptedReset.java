package io.github.dbundertest.benchmarks.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A hand-written reset: one multi-statement script, sent in one round trip on a connection kept for it, as a
 * careful user would write it for their own schema.
 */
final class ScriptedReset extends PostgresCandidate {

	private final String script;
	private final Connection maintenance;

	ScriptedReset(PostgresFixture fixture, String script) throws SQLException {
		super(fixture);
		this.script = script;
		this.maintenance = fixture.connect(database);
	}

	@Override
	public void reset() throws SQLException {
		try (Statement statement = maintenance.createStatement()) {
			statement.execute(script);
		}
	}

	@Override
	protected void release() {
		closeQuietly(maintenance);
	}
}
