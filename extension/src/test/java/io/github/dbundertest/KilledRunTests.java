package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A run killed with {@code kill -9} leaves its SQLite folder and its PostgreSQL databases behind; the next run
 * removes exactly those, because it can prove that the process that made them is dead. Isolated: any run that
 * starts meanwhile, such as another test class's, is a next run too and would remove them before they are looked at.
 */
@Isolated
class KilledRunTests {

	@Test
	void theNextRunRemovesWhatAKilledRunLeftAndNothingElse() throws Exception {
		ExternalServer.assumeAvailable();
		Map<String, String> ready = new HashMap<>();
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KilledRun.class.getName())
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while (ready.size() < 2 && (line = output.readLine()) != null) {
				if (line.startsWith("READY ")) {
					String[] parts = line.split(" ", 3);
					ready.put(parts[1], parts[2]);
				}
			}
			child.destroyForcibly(); // SIGKILL: no shutdown hook, no store closed
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			child.destroyForcibly();
			child.waitFor(30, TimeUnit.SECONDS);
			SentinelDatabaseCheck.dropLeftBy(child);
		}
		Path deadRunFolder = Path.of(ready.get("sqlite").replaceFirst("^jdbc:sqlite:", "").split("\\?")[0]).getParent();
		String deadRunId = ready.get("postgres").split("_")[2];
		assertThat(deadRunFolder).isDirectory();
		assertThat(CleanupTests.databasesOfRun(ExternalServer.URL, "postgres", null, deadRunId)).isNotEmpty();

		var results = Engine.onAllBackends()
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, CleanupTests.EXTERNAL_SERVER)
			.run(SelectionTests.PortableTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(2));
		assertThat(deadRunFolder).doesNotExist();
		assertThat(CleanupTests.databasesOfRun(ExternalServer.URL, "postgres", null, deadRunId)).isEmpty();
	}

	/** The run to kill: prints where its databases are, then waits inside a PostgreSQL test. */
	static final class KilledRun {

		public static void main(String[] args) throws SQLException {
			LauncherFactory.create()
				.execute(LauncherDiscoveryRequestBuilder.request()
					.selectors(selectClass(HangingTestCase.class))
					.configurationParameter(DatabaseUnderTest.BACKENDS_PROPERTY, "all")
					.configurationParameter(DatabaseUnderTest.POSTGRES_URL_PROPERTY, CleanupTests.EXTERNAL_SERVER)
					.build());
		}
	}

	@DatabaseUnderTest
	static class HangingTestCase {

		@Test
		void waitsToBeKilled(DatabaseInfo info) throws InterruptedException {
			String where = info.backend() == Backend.SQLITE ? info.jdbcUrl()
					: info.jdbcUrl().replaceFirst(".*/", "").replaceFirst("\\?.*", "");
			System.out.println("READY " + info.backend().displayName() + " " + where);
			System.out.flush();
			if (info.backend() == Backend.POSTGRES) {
				Thread.sleep(120_000);
			}
		}
	}
}
