package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

/**
 * Nothing the extension created outlives the engine run, pass or fail; on an external server it touches nothing
 * it did not create. The external cases run against the PostgreSQL server on 127.0.0.1:5432.
 */
class CleanupTests {

	static final String EXTERNAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

	static final Map<Backend, DatabaseInfo> SEEN = new ConcurrentHashMap<>();

	@Test
	void removesTheSqliteFilesAndThePostgresDatabasesOfARunWhetherItsTestsPassedOrFailed() throws SQLException {
		SEEN.clear();
		var results = Engine.onAllBackends().run(RecordingTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(2));
		Path sqliteFile = Path.of(SEEN.get(Backend.SQLITE).jdbcUrl().substring("jdbc:sqlite:".length()).split("\\?")[0]);
		assertThat(sqliteFile).doesNotExist();
		assertThat(sqliteFile.getParent()).doesNotExist();
		DatabaseInfo postgres = SEEN.get(Backend.POSTGRES);
		String maintenanceUrl = postgres.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
		assertThat(databasesOfRun(maintenanceUrl, postgres.username(), postgres.password(), runIdOf(postgres))).isEmpty();
	}

	@Test
	void onAnExternalServerDropsOnlyWhatItCreatedAndLeavesEveryOtherDatabaseAsItWas() throws SQLException {
		ExternalServer.assumeAvailable();
		SEEN.clear();
		String sentinel = "sentinel_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0x7fffffff);
		String serverUrl = "jdbc:postgresql://127.0.0.1:5432/";
		execute(serverUrl + "postgres", "CREATE DATABASE " + sentinel);
		try {
			execute(serverUrl + sentinel, "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT)",
					"INSERT INTO author VALUES (1, 'Keep me')");
			List<String> maintenanceTablesBefore = tablesOf(serverUrl + "postgres");

			var results = Engine.onBackends("postgres")
				.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, EXTERNAL_SERVER)
				.run(RecordingTestCase.class);

			results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
			DatabaseInfo seen = SEEN.get(Backend.POSTGRES);
			assertThat(seen.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:5432/dbundertest_test_");
			assertThat(databasesOfRun(serverUrl + "postgres", "postgres", null, runIdOf(seen))).isEmpty();
			assertThat(ResetTests.column(DriverManager.getConnection(serverUrl + sentinel, "postgres", null),
					"SELECT id || ' ' || name FROM author")).isEqualTo("[1 Keep me]");
			assertThat(tablesOf(serverUrl + "postgres")).isEqualTo(maintenanceTablesBefore);
		}
		finally {
			execute(serverUrl + "postgres", "DROP DATABASE IF EXISTS " + sentinel + " WITH (FORCE)");
		}
	}

	@DatabaseUnderTest
	static class RecordingTestCase {

		@Test
		void passes(DatabaseInfo info) {
			SEEN.put(info.backend(), info);
		}

		@Test
		void fails(Connection leakedOnPurpose) throws SQLException {
			leakedOnPurpose.setAutoCommit(false);
			try (Statement statement = leakedOnPurpose.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (99, 'uncommitted')");
			}
			throw new AssertionError("fails on purpose, leaving a transaction open");
		}
	}

	/** The run id in {@code dbundertest_test_<run>_<n>}: every database of that run carries it. */
	static String runIdOf(DatabaseInfo info) {
		String database = info.jdbcUrl().replaceFirst(".*/", "").replaceFirst("\\?.*", "");
		return database.split("_")[2];
	}

	static List<String> databasesOfRun(String url, String user, String password, String runId) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, user, password)) {
			return List.of(ResetTests
				.column(connection, "SELECT datname FROM pg_database WHERE datname LIKE 'dbundertest\\_%\\_" + runId + "\\_%'")
				.replaceAll("[\\[\\]]", "")
				.split(", "))
				.stream()
				.filter(name -> !name.isEmpty())
				.toList();
		}
	}

	private static List<String> tablesOf(String url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", null)) {
			return List.of(ResetTests.column(connection,
					"SELECT table_schema || '.' || table_name FROM information_schema.tables "
							+ "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"));
		}
	}

	private static void execute(String url, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "postgres", null);
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}
}
