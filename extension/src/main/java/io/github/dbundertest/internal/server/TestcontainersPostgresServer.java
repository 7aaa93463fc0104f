package io.github.dbundertest.internal.server;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.dbundertest.internal.config.ConfigurationException;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL server in a container started through Testcontainers, once per JVM. Only this class refers to
 * Testcontainers, and it is loaded only when this provider is chosen: users of the other providers need neither
 * Testcontainers nor Docker.
 */
final class TestcontainersPostgresServer implements PostgresServer {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** The image used when {@code dbundertest.postgres.image} is not set. */
	static final String DEFAULT_IMAGE = "postgres:18-alpine";

	/** The artifact to add for this provider. */
	static final String ARTIFACT = "org.testcontainers:testcontainers-postgresql";

	/** Speed over durability, as for the embedded server; checked after start, since an image may ignore them. */
	private static final Map<String, String> SPEED_SETTINGS = Map.of("fsync", "off", "synchronous_commit", "off",
			"full_page_writes", "off");

	private final PostgreSQLContainer container;
	private final String description;

	private TestcontainersPostgresServer(PostgreSQLContainer container, String description) {
		this.container = container;
		this.description = description;
	}

	static boolean isOnClasspath() {
		try {
			Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false,
					TestcontainersPostgresServer.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	static PostgresServer start(String image) {
		long started = System.nanoTime();
		List<String> command = new ArrayList<>(List.of("postgres"));
		SPEED_SETTINGS.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
		command.addAll(List.of("-c", "autovacuum=off", "-c", "max_connections=300"));
		PostgreSQLContainer container;
		try {
			container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
				.withCommand(command.toArray(String[]::new));
			container.start();
		}
		catch (RuntimeException e) {
			throw new ConfigurationException("The PostgreSQL container (image " + image + ") did not start: "
					+ rootMessage(e) + ". Start Docker or make the image available (dbundertest.postgres.image / "
					+ "DATABASE_UNDER_TEST_POSTGRES_IMAGE), or use another provider: "
					+ "DATABASE_UNDER_TEST_POSTGRES_PROVIDER=embedded, or an existing server through "
					+ "DATABASE_UNDER_TEST_POSTGRES_URL.", e);
		}
		String version;
		try (Connection connection = DriverManager.getConnection(container.getJdbcUrl(), container.getUsername(),
				container.getPassword())) {
			version = connection.getMetaData().getDatabaseProductVersion();
			warnAboutIgnoredSettings(connection, image);
		}
		catch (SQLException e) {
			container.stop();
			throw new IllegalStateException("The PostgreSQL container (image " + image + ") started but refuses "
					+ "connections: " + e.getMessage(), e);
		}
		String description = "PostgreSQL " + version + " (testcontainers, " + image + ", port "
				+ container.getMappedPort(5432) + ")";
		LOG.log(Level.INFO, () -> description + " ready in " + Durations.since(started));
		return new TestcontainersPostgresServer(container, description);
	}

	private static void warnAboutIgnoredSettings(Connection connection, String image) throws SQLException {
		List<String> ignored = new ArrayList<>();
		for (var setting : SPEED_SETTINGS.entrySet()) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SHOW " + setting.getKey())) {
				rows.next();
				if (!setting.getValue().equals(rows.getString(1))) {
					ignored.add(setting.getKey() + "=" + rows.getString(1));
				}
			}
		}
		if (!ignored.isEmpty()) {
			LOG.log(Level.WARNING, () -> "The container of image " + image + " ignored the settings that make tests "
					+ "fast and runs with " + ignored + "; does its entrypoint pass its arguments on to postgres?");
		}
	}

	private static String rootMessage(Throwable throwable) {
		Throwable root = throwable;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == throwable ? String.valueOf(throwable.getMessage())
				: throwable.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

	@Override
	public String description() {
		return description;
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
	}

	@Override
	public String username() {
		return container.getUsername();
	}

	@Override
	public String password() {
		return container.getPassword();
	}

	@Override
	public String maintenanceDatabase() {
		return container.getDatabaseName();
	}

	@Override
	public void close() {
		container.stop();
	}
}
