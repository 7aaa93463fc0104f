package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second run with unchanged migrations takes the migrated template from the cache; any change rebuilds it. */
class TemplateCacheTests {

	static final Path MIGRATIONS = Path.of("target/template-cache-tests/migrations");

	@BeforeEach
	void createEmptyMigrationFolder() throws IOException {
		Files.createDirectories(MIGRATIONS);
		try (var files = Files.list(MIGRATIONS)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void reusesTheTemplateUntilAMigrationChangesOrTheCacheIsTurnedOff() throws Exception {
		Files.writeString(MIGRATIONS.resolve("V1__start.sql"),
				"CREATE TABLE cached (id INTEGER PRIMARY KEY, note VARCHAR(20));\n-- " + System.nanoTime() + "\n");

		assertThat(templateLines(engine())).containsExactly("[sqlite] migrated", "[postgres] migrated");
		assertThat(templateLines(engine())).containsExactly("[sqlite] taken from the cache",
				"[postgres] taken from the cache");

		Files.writeString(MIGRATIONS.resolve("V2__more.sql"), "INSERT INTO cached VALUES (1, 'second');\n");
		assertThat(templateLines(engine())).containsExactly("[sqlite] migrated", "[postgres] migrated");
		assertThat(templateLines(engine())).containsExactly("[sqlite] taken from the cache",
				"[postgres] taken from the cache");

		assertThat(templateLines(engine().with("dbundertest.cache", "off"))).containsExactly("[sqlite] migrated",
				"[postgres] migrated");
	}

	/** By default templates are cached where that harms nobody: SQLite files and the embedded server's data. */
	private static Engine engine() {
		return Engine.onAllBackends().with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "embedded");
	}

	@Test
	void aLaterRunTakesTheDatabaseAnEarlierOneKeptAndUndoesWhatWasDoneToItSince() throws Exception {
		writeFirstMigration();

		SeenDatabase first = runOnce(engine());
		String kept = nameOf(first);
		assertThat(kept).as("kept after its first run").matches("dbundertest_cache_[0-9a-f]+_kept_1_[0-9a-f]{8}");
		execute(first, kept, "INSERT INTO cached VALUES (7, 'written between runs')");

		SeenDatabase second = runOnce(engine());
		assertThat(second.oid()).as("the database kept by the first run").isEqualTo(first.oid());
		assertThat(second.rows()).as("rows in cached").isZero();

		assertThat(nameOf(second)).as("kept after its second run").matches("dbundertest_cache_[0-9a-f]+_kept_2_[0-9a-f]{8}");
		execute(second, nameOf(second), "CREATE TABLE intruder (id integer)");
		var log = Warnings.captureAll();
		SeenDatabase third = runOnce(engine());
		log.close();
		assertThat(third.oid()).as("a new copy of the template").isNotEqualTo(second.oid());
		assertThat(third.tables()).doesNotContain("intruder");
		assertThat(log.messages()).anyMatch(message -> message.contains("kept by an earlier run cannot be restored"));

		SeenDatabase uncached = runOnce(engine().with("dbundertest.cache", "off"));
		assertThat(nameOf(uncached)).as("what is left of a run without the cache").isNull();
	}

	/** A crash of the server empties the unlogged record of changes, and with it the record of a write before it. */
	@Test
	void aKeptDatabaseWhoseRecordOfChangesWasLostIsCopiedAnew() throws Exception {
		writeFirstMigration();
		SeenDatabase first = runOnce(engine());
		String kept = nameOf(first);
		execute(first, kept, "INSERT INTO cached VALUES (7, 'written between runs')");
		execute(first, kept, "TRUNCATE dbundertest.changes"); // what crash recovery does to an unlogged table

		var log = Warnings.captureAll();
		SeenDatabase second = runOnce(engine());
		log.close();

		assertThat(second.rows()).as("rows in cached").isZero();
		assertThat(log.messages()).anyMatch(message -> message.contains("kept by an earlier run cannot be restored "
				+ "(the record of what was written to it since it was kept is gone"));
	}

	@Test
	void copiesKeptOfATemplateThatWasDroppedAreDroppedWhenItIsBuiltAgain() throws Exception {
		writeFirstMigration();
		SeenDatabase first = runOnce(engine());
		String kept = nameOf(first);
		execute(first, "postgres", "DROP DATABASE " + kept.substring(0, kept.indexOf("_kept_")) + " WITH (FORCE)");

		SeenDatabase second = runOnce(engine());

		assertThat(second.oid()).isNotEqualTo(first.oid());
		assertThat(nameOf(first)).as("the copy kept of the dropped template").isNull();
	}

	@Test
	void aDatabaseWhoseOwnSettingsATestChangedOrThatASessionOutlivingTheRunUsesIsNotKept() throws Exception {
		writeFirstMigration();
		var log = Warnings.capture();
		try {
			KeptCopyTestCase.change = "ALTER DATABASE";
			SeenDatabase changed = runOnce(engine());
			assertThat(nameOf(changed)).as("the database a test set a time zone on").isNull();

			KeptCopyTestCase.change = "leave a session";
			SeenDatabase busy = runOnce(engine());
			assertThat(nameOf(busy)).as("the database a session of the code under test was still connected to").isNull();
			assertThat(log.messages()).as("warnings").isEmpty();
		}
		finally {
			KeptCopyTestCase.change = "";
			log.close();
			KeptCopyTestCase.LEFT_OPEN.close();
		}
	}

	@Test
	void onAnExternalServerTheCacheKeepsDatabasesOnlyWhenAskedTo() throws Exception {
		ExternalServer.assumeAvailable();
		writeFirstMigration();
		Engine external = Engine.onBackends("postgres").with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, ExternalServer.URL);

		SeenDatabase uncached = runOnce(external);
		assertThat(nameOf(uncached)).as("left by a run with the cache on auto").isNull();

		SeenDatabase first = runOnce(external.with("dbundertest.cache", "on"));
		String kept = nameOf(first);
		try {
			assertThat(kept).matches("dbundertest_cache_[0-9a-f]+_kept_1_[0-9a-f]{8}");
			SeenDatabase second = runOnce(external);
			assertThat(second.oid()).as("the database kept by the first run").isEqualTo(first.oid());
		}
		finally {
			String template = kept == null ? null : kept.substring(0, kept.indexOf("_kept_"));
			String now = nameOf(first);
			if (now != null) {
				execute(first, "postgres", "DROP DATABASE IF EXISTS " + now + " WITH (FORCE)");
			}
			if (template != null) {
				execute(first, "postgres", "DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
			}
		}
	}

	/**
	 * Nine templates in a row, each kept once: the server holds eight kept copies at most, and the ninth makes room
	 * by dropping the oldest copy of another template.
	 */
	@Test
	void aServerHoldsEightKeptCopiesAtMostAndDropsTheOldestOfOtherTemplatesForANewOne() throws Exception {
		ExternalServer.assumeAvailable();
		Engine external = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, ExternalServer.URL)
			.with("dbundertest.cache", "on");
		List<String> keptBefore = keptCopiesOnTheExternalServer();
		List<SeenDatabase> runs = new ArrayList<>();
		List<String> templates = new ArrayList<>();
		try {
			for (int run = 1; run <= 9; run++) {
				writeFirstMigration(); // new content, so a new template
				SeenDatabase seen = runOnce(external);
				runs.add(seen);
				String kept = nameOf(seen);
				assertThat(kept).as("the copy run %d kept", run).matches("dbundertest_cache_[0-9a-f]+_kept_1_[0-9a-f]{8}");
				templates.add(kept.substring(0, kept.indexOf("_kept_")));
				assertThat(keptCopiesOnTheExternalServer()).as("kept copies after run %d", run).hasSizeLessThanOrEqualTo(8);
			}
			if (keptBefore.isEmpty()) {
				assertThat(nameOf(runs.get(0))).as("the oldest copy, dropped to make room for the ninth").isNull();
				for (SeenDatabase later : runs.subList(1, 9)) {
					assertThat(nameOf(later)).as("a newer copy").isNotNull();
				}
			}
			assertThat(nameOf(runs.get(8))).as("the newest copy").isNotNull();
		}
		finally {
			for (SeenDatabase seen : runs) {
				String now = nameOf(seen);
				if (now != null) {
					execute(seen, "postgres", "DROP DATABASE IF EXISTS " + now + " WITH (FORCE)");
				}
			}
			for (String template : templates) {
				execute(runs.get(0), "postgres", "DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
			}
		}
	}

	private static List<String> keptCopiesOnTheExternalServer() throws SQLException {
		try (Connection connection = DriverManager.getConnection(ExternalServer.URL, "postgres", null);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT datname FROM pg_database WHERE datname LIKE 'dbundertest\\_cache\\_%\\_kept\\_%'")) {
			List<String> names = new ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
	}

	private static void writeFirstMigration() throws IOException {
		Files.writeString(MIGRATIONS.resolve("V1__start.sql"),
				"CREATE TABLE cached (id INTEGER PRIMARY KEY, note VARCHAR(20));\n-- " + System.nanoTime() + "\n");
	}

	private static SeenDatabase runOnce(Engine engine) {
		KeptCopyTestCase.SEEN.clear();
		engine.with(DatabaseUnderTest.BACKENDS_PROPERTY, "postgres")
			.run(KeptCopyTestCase.class)
			.testEvents()
			.assertStatistics(stats -> stats.succeeded(1).failed(0));
		return KeptCopyTestCase.SEEN.get(0);
	}

	/** The name the database has now, after its run ended, or null if it is gone. */
	private static String nameOf(SeenDatabase database) throws SQLException {
		try (Connection connection = connect(database, "postgres")) {
			String names = ResetTests.column(connection, "SELECT datname FROM pg_database WHERE oid = " + database.oid());
			return names.equals("[]") ? null : names.substring(1, names.length() - 1);
		}
	}

	private static void execute(SeenDatabase server, String database, String sql) throws SQLException {
		try (Connection connection = connect(server, database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection connect(SeenDatabase server, String database) throws SQLException {
		return DriverManager.getConnection(server.info().jdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database),
				server.info().username(), server.info().password());
	}

	record SeenDatabase(DatabaseInfo info, long oid, long rows, String tables) {
	}

	/** Connections a fixture opens as the code under test might, and leaves open past the end of its run. */
	static final class LeftOpen implements AutoCloseable {

		private final List<Connection> connections = new CopyOnWriteArrayList<>();

		void add(Connection connection) {
			connections.add(connection);
		}

		@Override
		public void close() throws SQLException {
			for (Connection connection : connections) {
				connection.close();
			}
			connections.clear();
		}
	}

	@Test
	void anUnknownCacheSettingIsAnError() {
		var results = Engine.onBackends("sqlite").with("dbundertest.cache", "sometimes").run(CachedTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).singleElement()
			.asString()
			.contains("Unknown cache setting 'sometimes' in JUnit configuration parameter dbundertest.cache. "
					+ "Valid values: auto, on, off.");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	/** "[sqlite] migrated" or "[sqlite] taken from the cache", per backend, in the order they were logged. */
	private static List<String> templateLines(Engine engine) {
		var log = Warnings.captureAll();
		var results = engine.run(CachedTestCase.class);
		log.close();
		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
		return log.messages()
			.stream()
			.filter(message -> message.matches("\\[(sqlite|postgres)\\] template .*"))
			.map(message -> message.substring(0, message.indexOf(']') + 1)
					+ (message.contains("taken from the cache") ? " taken from the cache" : " migrated"))
			.toList();
	}

	@DatabaseUnderTest(migrations = "filesystem:target/template-cache-tests/migrations")
	static class CachedTestCase {
		@Test
		void seesTheMigratedTable(java.sql.Connection connection) throws java.sql.SQLException {
			assertThat(ResetTests.column(connection, "SELECT count(*) FROM cached")).isIn("[0]", "[1]");
		}
	}

	@DatabaseUnderTest(migrations = "filesystem:target/template-cache-tests/migrations")
	static class KeptCopyTestCase {

		static final List<SeenDatabase> SEEN = new CopyOnWriteArrayList<>();
		static final LeftOpen LEFT_OPEN = new LeftOpen();
		/** What the test does besides recording its database: nothing, or what a database must not be kept after. */
		static volatile String change = "";

		@Test
		void recordsItsDatabase(DatabaseInfo info, Connection connection) throws SQLException {
			if (change.equals("ALTER DATABASE")) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(),"
							+ " 'Asia/Tokyo'); END $$");
				}
			}
			else if (change.equals("leave a session")) {
				LEFT_OPEN.add(DriverManager.getConnection(info.jdbcUrl(), info.username(), info.password()));
			}
			SEEN.add(new SeenDatabase(info,
					Long.parseLong(ResetTests.column(connection,
							"SELECT oid FROM pg_database WHERE datname = current_database()").replaceAll("[\\[\\]]", "")),
					Long.parseLong(ResetTests.column(connection, "SELECT count(*) FROM cached").replaceAll("[\\[\\]]", "")),
					ResetTests.column(connection, "SELECT table_name FROM information_schema.tables"
							+ " WHERE table_schema = 'public' ORDER BY 1")));
		}
	}
}
