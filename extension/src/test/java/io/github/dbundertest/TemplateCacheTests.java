package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
