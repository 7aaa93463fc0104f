package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.benchmarks.schema.SchemaPlan;
import io.github.dbundertest.benchmarks.schema.TableSpec;

/**
 * DELETE from every table (children first), empty {@code sqlite_sequence} so that AUTOINCREMENT starts over,
 * replay the template's INSERTs, in one transaction. The statements are prepared once, on a connection kept for
 * them: in process, parsing is what a script would cost beyond this.
 */
public final class SqliteDeleteAndReseed extends SqliteCandidate {

	private final Connection maintenance;
	private final List<PreparedStatement> statements = new ArrayList<>();

	SqliteDeleteAndReseed(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
		this.maintenance = SqliteFixture.connect(database);
		maintenance.setAutoCommit(false);
		for (String sql : statements(fixture.plan())) {
			statements.add(maintenance.prepareStatement(sql));
		}
	}

	/** The reset's statements, children's tables first, for one transaction. */
	public static List<String> statements(SchemaPlan plan) {
		List<String> statements = new ArrayList<>();
		List<TableSpec> tables = plan.tables();
		for (int i = tables.size() - 1; i >= 0; i--) {
			statements.add("DELETE FROM " + tables.get(i).name());
		}
		statements.add("DELETE FROM sqlite_sequence");
		statements.addAll(plan.templateRows());
		return statements;
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
