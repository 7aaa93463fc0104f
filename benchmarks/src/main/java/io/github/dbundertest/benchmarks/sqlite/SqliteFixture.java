package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.dbundertest.benchmarks.ExtensionInternals;
import io.github.dbundertest.benchmarks.harness.DatabaseState;
import io.github.dbundertest.benchmarks.schema.Dialect;
import io.github.dbundertest.benchmarks.schema.Migrations;
import io.github.dbundertest.benchmarks.schema.SchemaPlan;
import io.github.dbundertest.benchmarks.schema.Workload;
import io.github.dbundertest.internal.reset.SqliteRestore;
import org.sqlite.SQLiteDataSource;

/**
 * One schema size on SQLite: the migrated-and-seeded template file, its state, and fresh copies of it for the
 * candidates. Every connection gets the extension's settings (foreign keys on, synchronous off, a busy timeout).
 */
public final class SqliteFixture {

	private final Path folder;
	private final SchemaPlan plan;
	private final Migrations migrations;
	private final Path template;
	private final DatabaseState templateState;
	private final Workload workload;
	private final AtomicInteger copies = new AtomicInteger();

	private SqliteFixture(Path folder, SchemaPlan plan, Migrations migrations, Path template,
			DatabaseState templateState) {
		this.folder = folder;
		this.plan = plan;
		this.migrations = migrations;
		this.template = template;
		this.templateState = templateState;
		this.workload = new Workload(plan);
	}

	public static SqliteFixture build(int tables, Path parent) throws IOException, SQLException {
		SchemaPlan plan = SchemaPlan.generate(tables, Dialect.SQLITE);
		Migrations migrations = Migrations.write(plan, parent);
		Path folder = Files.createDirectories(parent.resolve("sqlite-databases-" + tables));
		Path template = folder.resolve("template.sqlite");
		migrations.migrateAndSeed(dataSource(template));
		try (Connection connection = dataSource(template).getConnection()) {
			return new SqliteFixture(folder, plan, migrations, template, DatabaseState.ofSqlite(connection));
		}
	}

	static SQLiteDataSource dataSource(Path file) {
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl(ExtensionInternals.sqliteUrl(file));
		return dataSource;
	}

	static Connection connect(Path file) throws SQLException {
		return dataSource(file).getConnection();
	}

	/** Our restore of a copy, on connections opened as the extension opens them. */
	SqliteRestore restoreOf(Path copy) {
		return new SqliteRestore(template, copy, () -> {
			try {
				return connect(copy);
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	/** A fresh copy of the template file, for one candidate. */
	Path newCopy() throws IOException {
		Path copy = folder.resolve("copy-" + copies.incrementAndGet() + ".sqlite");
		Files.copy(template, copy);
		return copy;
	}

	/** Deletes a database file and whatever journal SQLite left beside it. */
	static void deleteDatabase(Path file) {
		for (String suffix : new String[] { "", "-journal", "-wal", "-shm" }) {
			try {
				Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	public Path template() {
		return template;
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
}
