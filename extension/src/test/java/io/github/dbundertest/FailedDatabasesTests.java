package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** A failed test's database is kept under the build folder, with the command that opens it, before the next reset. */
class FailedDatabasesTests {

	private static final Pattern KEPT = Pattern.compile("\\[(sqlite|postgres)] kept the database of the failed test "
			+ "FailsTestCase\\.failsAfterWriting: (.*)");

	@Test
	void theDatabaseOfAFailedTestIsKeptWithTheCommandToOpenIt() throws Exception {
		var warnings = Warnings.capture();
		var results = Engine.onAllBackends().run(FailsTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.failed(2).succeeded(2));
		List<Matcher> kept = warnings.messages().stream().map(KEPT::matcher).filter(Matcher::matches).toList();
		assertThat(kept).hasSize(2);
		for (Matcher line : kept) {
			String command = line.group(2);
			if (line.group(1).equals("sqlite")) {
				assertThat(command).startsWith("sqlite3 ");
				Path file = Path.of(command.substring("sqlite3 ".length()));
				try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + file)) {
					assertThat(column(copy, "SELECT name FROM author ORDER BY id")).isEqualTo("[Migrated Author, Kept for a look]");
				}
			}
			else {
				Matcher file = Pattern.compile("-f (\\S+\\.sql)").matcher(command);
				assertThat(file.find()).as(command).isTrue();
				String dump = Files.readString(Path.of(file.group(1)), StandardCharsets.UTF_8);
				assertThat(dump).contains("Kept for a look").doesNotContain(ResetTests.class.getSimpleName())
					.doesNotContain("dbundertest_track_");
			}
		}
	}

	@DatabaseUnderTest
	static class FailsTestCase {

		@Test
		void failsAfterWriting(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (9, 'Kept for a look')");
			}
			throw new AssertionError("broken on purpose");
		}

		@Test
		void passes() {
		}
	}
}
