package io.github.dbundertest.benchmarks.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** Writes a {@link SchemaPlan}'s migrations to a folder, and applies them and the seed as the extension does. */
public final class Migrations {

	private final Path folder;
	private final List<String> seed;

	private Migrations(Path folder, List<String> seed) {
		this.folder = folder;
		this.seed = seed;
	}

	/** Writes {@code V1__step_1.sql} … into a new folder under {@code parent}. */
	public static Migrations write(SchemaPlan plan, Path parent) throws IOException {
		Path folder = Files.createDirectories(parent.resolve(plan.dialect().name().toLowerCase() + "-" + plan.tables().size()));
		for (int version = 1; version <= plan.migrations().size(); version++) {
			Files.writeString(folder.resolve("V" + version + "__step_" + version + ".sql"), plan.migrations().get(version - 1));
		}
		return new Migrations(folder, plan.seed());
	}

	/** A Flyway for this folder; {@code cleanable} allows {@code clean()}, which the extension never does. */
	public Flyway flyway(DataSource dataSource, boolean cleanable) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + folder.toAbsolutePath())
			.failOnMissingLocations(true)
			.cleanDisabled(!cleanable)
			.load();
	}

	/** Migrates an empty database and seeds it: the template's recipe. */
	public void migrateAndSeed(DataSource dataSource) throws SQLException {
		flyway(dataSource, false).migrate();
		try (Connection connection = dataSource.getConnection()) {
			seed(connection);
		}
	}

	/** Runs the seed in one transaction, as the extension's Migrator does. */
	public void seed(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			for (String sql : seed) {
				statement.execute(sql);
			}
			connection.commit();
		}
		catch (SQLException e) {
			connection.rollback();
			throw e;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}
}
