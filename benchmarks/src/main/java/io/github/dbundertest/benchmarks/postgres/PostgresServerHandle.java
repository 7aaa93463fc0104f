package io.github.dbundertest.benchmarks.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import io.github.dbundertest.benchmarks.ExtensionInternals;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server to measure on: an embedded one started here, or an external one that is already running. */
public final class PostgresServerHandle implements AutoCloseable {

	private static final String SETTINGS_SHOWN = "'fsync', 'synchronous_commit', 'full_page_writes', 'autovacuum',"
			+ " 'shared_buffers', 'jit'";

	private final String kind;
	private final String host;
	private final int port;
	private final String user;
	private final String password;
	private final EmbeddedPostgres embedded;
	private final String version;

	private PostgresServerHandle(String kind, String host, int port, String user, String password,
			EmbeddedPostgres embedded) throws SQLException {
		this.kind = kind;
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.embedded = embedded;
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SHOW server_version")) {
			rows.next();
			this.version = rows.getString(1).split(" ")[0];
		}
	}

	/** Started with the extension's own server settings, on a throw-away data folder. */
	public static PostgresServerHandle embedded() throws IOException, SQLException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		ExtensionInternals.embeddedServerSettings().forEach(builder::setServerConfig);
		EmbeddedPostgres postgres = builder.start();
		try {
			return new PostgresServerHandle("embedded", "localhost", postgres.getPort(), "postgres", null, postgres);
		}
		catch (SQLException | RuntimeException e) {
			postgres.close();
			throw e;
		}
	}

	public static PostgresServerHandle external(String host, int port, String user, String password) throws SQLException {
		return new PostgresServerHandle("external", host, port, user, password, null);
	}

	/** e.g. "PG 18.4 embedded": the backend column of the table. */
	public String label() {
		return "PG " + version + " " + kind;
	}

	public String version() {
		return version;
	}

	public int majorVersion() {
		return Integer.parseInt(version.split("\\.")[0]);
	}

	/** The settings that decide how expensive a reset is, for the report. */
	public Map<String, String> settings() throws SQLException {
		Map<String, String> settings = new TreeMap<>();
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT name, current_setting(name) FROM pg_settings"
						+ " WHERE name IN (" + SETTINGS_SHOWN + ")")) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
		}
		return settings;
	}

	public String address() {
		return host + ":" + port;
	}

	public PGSimpleDataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setServerNames(new String[] { host });
		dataSource.setPortNumbers(new int[] { port });
		dataSource.setDatabaseName(database);
		dataSource.setUser(user);
		if (password != null) {
			dataSource.setPassword(password);
		}
		return dataSource;
	}

	public Connection connect(String database) throws SQLException {
		return dataSource(database).getConnection();
	}

	@Override
	public void close() throws IOException {
		if (embedded != null) {
			embedded.close();
		}
	}
}
