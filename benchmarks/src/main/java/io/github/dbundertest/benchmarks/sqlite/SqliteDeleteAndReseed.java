package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.benchmarks.schema.TableSpec;

/**
 * DELETE from every table (children first), empty {@code sqlite_sequence} so that AUTOINCREMENT starts over,
 * replay the template's INSERTs, in one transaction. The statements are prepared once, on a connection kept for
 * them: in process, parsing is what a script would cost beyond this.
 */
final class SqliteDeleteAndReseed extends SqliteCandidate {

	private final Connection maintenance;
	private final List<PreparedStatement> statements = new ArrayList<>();

	SqliteDeleteAndReseed(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
		this.maintenance = SqliteFixture.connect(database);
		maintenance.setAutoCommit(false);
		List<TableSpec> tables = fixture.plan().tables();
		for (int i = tables.size() - 1; i >= 0; i--) {
			statements.add(maintenance.prepareStatement("DELETE FROM " + tables.get(i).name()));
		}
		statements.add(maintenance.prepareStatement("DELETE FROM sqlite_sequence"));
		for (String insert : fixture.plan().templateRows()) {
			statements.add(maintenance.prepareStatement(insert));
		}
	}

	@Override
	public void reset() throws SQLException {
		for (PreparedStatement statement : statements) {
			statement.executeUpdate();
		}
		maintenance.commit();
	}

	@Override
	protected void release() {
		for (PreparedStatement statement : statements) {
			try {
				statement.close();
			}
			catch (SQLException e) {
				// closing the connection next
			}
		}
		closeQuietly(maintenance);
	}
}
