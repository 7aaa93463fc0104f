package io.github.dbundertest.benchmarks.postgres;

import java.sql.SQLException;

import io.github.dbundertest.internal.reset.PostgresRestore;

/**
 * The extension's strategy, unchanged: the snapshot captured once from the template with change tracking, replayed
 * by {@link PostgresRestore} on a connection it keeps, schema check included.
 */
final class OursSnapshotRestore extends PostgresCandidate {

	private final PostgresRestore restore;

	OursSnapshotRestore(PostgresFixture fixture) throws SQLException {
		super(fixture, fixture.snapshot().tracked());
		this.restore = new PostgresRestore(fixture.snapshot(), () -> {
			try {
				return fixture.connect(database);
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		});
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
