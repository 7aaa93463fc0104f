package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.sql.SQLException;

import io.github.dbundertest.internal.reset.SqliteRestore;

/**
 * The extension's strategy, unchanged: {@link SqliteRestore} writes the template's pages that differ back into the
 * database file under SQLite's exclusive lock, on a connection it keeps, while the test's connection stays open.
 */
final class OursPageRestore extends SqliteCandidate {

	private final SqliteRestore restore;

	OursPageRestore(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
		this.restore = fixture.restoreOf(database);
	}

	@Override
	public void reset() throws SQLException {
		restore.reset();
	}

	@Override
	protected void release() {
		restore.close();
	}
}
