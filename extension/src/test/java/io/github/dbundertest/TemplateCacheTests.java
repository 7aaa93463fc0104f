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

		assertThat(templateLines(Engine.onBackends("sqlite"))).singleElement().asString().contains("migrated in");
		assertThat(templateLines(Engine.onBackends("sqlite"))).singleElement().asString().contains("taken from the cache");

		Files.writeString(MIGRATIONS.resolve("V2__more.sql"), "INSERT INTO cached VALUES (1, 'second');\n");
		assertThat(templateLines(Engine.onBackends("sqlite"))).singleElement().asString().contains("migrated in");
		assertThat(templateLines(Engine.onBackends("sqlite"))).singleElement().asString().contains("taken from the cache");

		assertThat(templateLines(Engine.onBackends("sqlite").with("dbundertest.cache", "off"))).singleElement()
			.asString()
			.contains("migrated in");
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

	private static List<String> templateLines(Engine engine) {
		var log = Warnings.captureAll();
		var results = engine.run(CachedTestCase.class);
		log.close();
		results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
		return log.messages().stream().filter(message -> message.startsWith("[sqlite] template")).toList();
	}

	@DatabaseUnderTest(value = Backend.SQLITE, migrations = "filesystem:target/template-cache-tests/migrations")
	static class CachedTestCase {
		@Test
		void seesTheMigratedTable(java.sql.Connection connection) throws java.sql.SQLException {
			assertThat(ResetTests.column(connection, "SELECT count(*) FROM cached")).isIn("[0]", "[1]");
		}
	}
}
