package io.github.dbundertest.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.github.dbundertest.benchmarks.harness.Folders;
import io.github.dbundertest.benchmarks.ExtensionInternals;
import io.github.dbundertest.benchmarks.postgres.PostgresServerHandle;
import io.github.dbundertest.benchmarks.schema.Dialect;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sqlite.SQLiteDataSource;

/**
 * The database of the hand-made setups, one per forked JVM, kept in the root store: an embedded PostgreSQL
 * server started with the extension's own settings (so that server start costs the same as ours), or a SQLite
 * file with the extension's connection settings.
 */
final class SuiteServer implements AutoCloseable {

	static final String BACKEND_PROPERTY = "suite.backend";

	final Dialect dialect;
	private final PostgresServerHandle postgres;
	private final Path sqliteFolder;

	private SuiteServer(Dialect dialect, PostgresServerHandle postgres, Path sqliteFolder) {
		this.dialect = dialect;
		this.postgres = postgres;
		this.sqliteFolder = sqliteFolder;
	}

	static SuiteServer of(ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SuiteServer.class))
			.getOrComputeIfAbsent(SuiteServer.class, key -> start(), SuiteServer.class);
	}

	private static SuiteServer start() {
		try {
			if ("sqlite".equals(System.getProperty(BACKEND_PROPERTY))) {
				return new SuiteServer(Dialect.SQLITE, null, Files.createTempDirectory("suite-sqlite"));
			}
			PostgresServerHandle server = PostgresServerHandle.embedded();
			try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE suite");
			}
			return new SuiteServer(Dialect.POSTGRES, server, null);
		}
		catch (IOException | SQLException e) {
			throw new IllegalStateException("could not start the suite's database: " + e.getMessage(), e);
		}
	}

	DataSource dataSource() {
		if (postgres != null) {
			return postgres.dataSource("suite");
		}
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl(ExtensionInternals.sqliteUrl(sqliteFolder.resolve("suite.sqlite")));
		return dataSource;
	}

	Connection connect() throws SQLException {
		return postgres != null ? postgres.connect("suite")
				: DriverManager.getConnection(ExtensionInternals.sqliteUrl(sqliteFolder.resolve("suite.sqlite")));
	}

	Flyway flyway(boolean cleanable) {
		return Flyway.configure()
			.dataSource(dataSource())
			.locations(SuiteFixtures.LOCATION.replace("{vendor}", dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
			.failOnMissingLocations(true)
			.cleanDisabled(!cleanable)
			.load();
	}

	@Override
	public void close() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
		else {
			Folders.deleteRecursively(sqliteFolder);
		}
	}
}
