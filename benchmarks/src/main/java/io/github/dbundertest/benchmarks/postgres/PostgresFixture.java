package io.github.dbundertest.benchmarks.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.dbundertest.benchmarks.harness.DatabaseState;
import io.github.dbundertest.benchmarks.schema.Dialect;
import io.github.dbundertest.benchmarks.schema.Migrations;
import io.github.dbundertest.benchmarks.schema.SchemaPlan;
import io.github.dbundertest.benchmarks.schema.Workload;
import io.github.dbundertest.internal.reset.ChangeTracking;
import io.github.dbundertest.internal.reset.PostgresSnapshot;

/**
 * One schema size on one server: the migrated-and-seeded template database, its state (what every candidate must
 * get back to), the extension's snapshot of it, and fresh copies of it for the candidates.
 */
public final class PostgresFixture implements AutoCloseable {

	private final PostgresServerHandle server;
	private final BenchDatabases databases;
	private final SchemaPlan plan;
	private final Migrations migrations;
	private final String template;
	/** A copy of the template with the extension's change tracking, which only ours uses. */
	private final String trackedTemplate;
	private final DatabaseState templateState;
	private final PostgresSnapshot snapshot;
	private final Map<String, Long> sequenceStarts;
	private final Workload workload;

	private PostgresFixture(PostgresServerHandle server, BenchDatabases databases, SchemaPlan plan,
			Migrations migrations, String template, String trackedTemplate, DatabaseState templateState,
			PostgresSnapshot snapshot,
			Map<String, Long> sequenceStarts) {
		this.server = server;
		this.databases = databases;
		this.plan = plan;
		this.migrations = migrations;
		this.template = template;
		this.trackedTemplate = trackedTemplate;
		this.templateState = templateState;
		this.snapshot = snapshot;
		this.sequenceStarts = sequenceStarts;
		this.workload = new Workload(plan);
	}

	public static PostgresFixture build(PostgresServerHandle server, BenchDatabases databases, int tables,
			Path folder) throws IOException, SQLException {
		SchemaPlan plan = SchemaPlan.generate(tables, Dialect.POSTGRES);
		Migrations migrations = Migrations.write(plan, folder);
		String template = databases.createEmpty("template_" + tables);
		migrations.migrateAndSeed(server.dataSource(template));
		// the other candidates' copies must not pay for triggers that only ours needs
		String trackedTemplate = databases.cloneOf(template, "tracked_" + tables);
		// every connection to a template is closed before its first copy: CREATE DATABASE … TEMPLATE insists
		try (Connection connection = server.connect(trackedTemplate)) {
			if (!ChangeTracking.install(connection)) { // as the extension does after the seeds
				throw new SQLException("change tracking needs a superuser; " + server.label() + " gave none");
			}
		}
		PostgresSnapshot snapshot;
		try (Connection connection = server.connect(trackedTemplate)) {
			snapshot = PostgresSnapshot.capture(connection);
		}
		try (Connection connection = server.connect(template)) {
			return new PostgresFixture(server, databases, plan, migrations, template, trackedTemplate,
					DatabaseState.ofPostgres(connection), snapshot, sequenceStarts(connection));
		}
	}

	/** Every sequence and its start value: what a hand-written reset names in its setval calls. */
	public static Map<String, Long> sequenceStarts(Connection connection) throws SQLException {
		Map<String, Long> starts = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT quote_ident(sequencename), start_value FROM pg_sequences"
						+ " WHERE schemaname = 'public' ORDER BY sequencename")) {
			while (rows.next()) {
				starts.put(rows.getString(1), rows.getLong(2));
			}
		}
		return starts;
	}

	/** A fresh copy of the template, for one candidate, on a server with no checkpoint work pending. */
	String newCopy() throws SQLException {
		return newCopy(false);
	}

	/** A fresh copy, of the template with change tracking if {@code tracked}. */
	String newCopy(boolean tracked) throws SQLException {
		String copy = databases.cloneOf(tracked ? trackedTemplate : template, "copy_" + plan.tables().size());
		databases.checkpoint();
		return copy;
	}

	void recreate(String copy) throws SQLException {
		databases.recreate(copy, template);
	}

	void drop(String copy) throws SQLException {
		databases.drop(copy);
	}

	Connection connect(String database) throws SQLException {
		return server.connect(database);
	}

	PostgresServerHandle server() {
		return server;
	}

	public SchemaPlan plan() {
		return plan;
	}

	Migrations migrations() {
		return migrations;
	}

	Workload workload() {
		return workload;
	}

	public DatabaseState templateState() {
		return templateState;
	}

	public PostgresSnapshot snapshot() {
		return snapshot;
	}

	Map<String, Long> sequenceStarts() {
		return sequenceStarts;
	}

	@Override
	public void close() throws SQLException {
		databases.drop(trackedTemplate);
		databases.drop(template);
	}
}
