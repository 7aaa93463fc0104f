package io.github.dbundertest.internal.template;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Applies a {@link MigrationPlan} to an empty database: Flyway migrations, then the seed scripts. */
final class Migrator {

	private Migrator() {
	}

	static void migrate(MigrationPlan plan, DataSource dataSource, ClassLoader classLoader) {
		if (!plan.locations().isEmpty()) {
			try {
				Flyway.configure(classLoader)
					.dataSource(dataSource)
					.locations(plan.locations().toArray(String[]::new))
					.failOnMissingLocations(true)
					.cleanDisabled(true)
					.load()
					.migrate();
			}
			catch (FlywayException e) {
				throw new TemplateException("Flyway migration failed on [" + plan.backend().displayName()
						+ "] (locations " + plan.locations() + "): " + e.getMessage(), e);
			}
		}
		for (String seed : plan.seeds()) {
			runSeed(plan, seed, dataSource, classLoader);
		}
	}

	private static void runSeed(MigrationPlan plan, String seed, DataSource dataSource, ClassLoader classLoader) {
		String script;
		try {
			script = MigrationPlan.readSeed(seed, classLoader);
		}
		catch (IOException e) {
			throw new TemplateException("Cannot read seed script " + seed + ": " + e.getMessage(), e);
		}
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			for (SqlScript.Statement statement : SqlScript.split(script)) {
				try (Statement jdbc = connection.createStatement()) {
					jdbc.execute(statement.sql());
				}
				catch (SQLException e) {
					connection.rollback();
					throw new TemplateException("Seed script " + seed + " failed on [" + plan.backend().displayName()
							+ "] at line " + statement.line() + ": " + e.getMessage() + "\n    in: "
							+ abbreviate(statement.sql()), e);
				}
			}
			connection.commit();
		}
		catch (SQLException e) {
			throw new TemplateException("Seed script " + seed + " failed on [" + plan.backend().displayName() + "]: "
					+ e.getMessage(), e);
		}
	}

	private static String abbreviate(String sql) {
		String oneLine = sql.replaceAll("\\s+", " ");
		return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
	}
}
