package io.github.dbundertest.internal.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A running PostgreSQL server that the extension may create databases on: embedded, in a container, or an
 * existing one. Closing it stops what the provider started; it never stops a server it did not start.
 */
public interface PostgresServer extends AutoCloseable {

	/** What and where the server is, for log lines and messages, e.g. {@code PostgreSQL 18.1 (embedded, port 41234)}. */
	String description();

	/** A JDBC URL of {@code database} on this server, without credentials. */
	String jdbcUrl(String database);

	/** The user to connect with. */
	String username();

	/** The password to connect with, or {@code null}. */
	String password();

	/**
	 * The database to connect to for administration (creating and dropping the extension's own databases);
	 * the extension never changes it.
	 */
	String maintenanceDatabase();

	/** Opens a connection to {@code database} on this server. */
	default Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		if (username() != null) {
			properties.setProperty("user", username());
		}
		if (password() != null) {
			properties.setProperty("password", password());
		}
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	/**
	 * Whether databases left on the server survive into the next run of the build: true for the embedded server
	 * when it keeps its data under the build's output folder. Only then are templates cached by default.
	 */
	default boolean keepsDataBetweenRuns() {
		return false;
	}

	@Override
	void close();
}
