package io.github.dbundertest.examples;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Brings a database's schema up to date at start-up: the shared migrations in {@code db/migration/common} and
 * the dialect's own in {@code db/migration/sqlite} or {@code db/migration/postgresql}. The tests name the same
 * two locations in {@code @DatabaseUnderTest(migrations = …)}, with {@code {vendor}} for the dialect's folder.
 */
public final class Migrations {

	private Migrations() {
	}

	// tag::migrate[]
	/** Applies the pending migrations and returns how many there were. */
	public static int migrate(DataSource dataSource) throws SQLException {
		String vendor;
		try (Connection connection = dataSource.getConnection()) {
			vendor = Dialect.of(connection).vendor();
		}
		return Flyway.configure(Migrations.class.getClassLoader())
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.failOnMissingLocations(true)
			.load()
			.migrate().migrationsExecuted;
	}
	// end::migrate[]
}
