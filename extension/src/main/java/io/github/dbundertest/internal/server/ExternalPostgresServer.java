package io.github.dbundertest.internal.server;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;

import io.github.dbundertest.internal.config.ConfigurationException;
import io.github.dbundertest.internal.config.PostgresUrl;

/**
 * An existing PostgreSQL server. The extension connects to the database named in the URL only to create and
 * drop databases of its own; closing this server stops nothing.
 */
final class ExternalPostgresServer implements PostgresServer {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** Seconds to wait for an unreachable host before failing, instead of the OS's minutes-long TCP time-out. */
	private static final String CONNECT_TIMEOUT_SECONDS = "5";

	private final PostgresUrl url;
	private final String description;

	private ExternalPostgresServer(PostgresUrl url, String description) {
		this.url = url;
		this.description = description;
	}

	static PostgresServer connect(PostgresUrl url, String origin) {
		long started = System.nanoTime();
		ExternalPostgresServer probe = new ExternalPostgresServer(url, "PostgreSQL at " + url);
		String version;
		try (Connection connection = probe.connect(url.database())) {
			version = connection.getMetaData().getDatabaseProductVersion();
		}
		catch (SQLException e) {
			throw new ConfigurationException("Cannot connect to the PostgreSQL server " + url + " (from " + origin
					+ "): " + withoutFinalPeriod(e.getMessage()) + ". Check that the server runs and that the host, port, database, user "
					+ "and password are right, or unset DATABASE_UNDER_TEST_POSTGRES_URL to use the embedded server.",
					e);
		}
		String description = "PostgreSQL " + version + " (external, " + url.host() + ":" + url.port() + ")";
		LOG.log(Level.INFO, () -> description + " connected in " + Durations.since(started));
		return new ExternalPostgresServer(url, description);
	}

	private static String withoutFinalPeriod(String message) {
		return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
	}

	@Override
	public String description() {
		return description;
	}

	@Override
	public String jdbcUrl(String database) {
		String jdbcUrl = url.jdbcUrl(database);
		if (url.properties().containsKey("connectTimeout")) {
			return jdbcUrl;
		}
		return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=" + CONNECT_TIMEOUT_SECONDS;
	}

	@Override
	public String username() {
		return url.username();
	}

	@Override
	public String password() {
		return url.password();
	}

	@Override
	public String maintenanceDatabase() {
		return url.database();
	}

	@Override
	public void close() {
		// not ours to stop
	}
}
