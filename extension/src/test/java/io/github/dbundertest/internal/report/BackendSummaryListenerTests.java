package io.github.dbundertest.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.EnabledOnBackend;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class BackendSummaryListenerTests {

	@Test
	void namesEachClassAndBackendWithItsOutcomeAndEverySkipAndFailureWithItsReason(@TempDir Path project)
			throws Exception {
		String summary = run(project, "sqlite", MixedTestCase.class, PostgresOnlyTestCase.class, PlainTestCase.class);

		assertThat(summary).contains("dbundertest: results by backend")
			.containsPattern("BackendSummaryListenerTests.MixedTestCase +\\[sqlite\\] +1 passed, 1 failed, 2 skipped")
			.contains("skipped postgresOnly(): [sqlite] runs only on postgres")
			.contains("skipped Inner: [sqlite] runs only on postgres")
			.contains("failed fails(): AssertionError: broken on purpose")
			.contains("BackendSummaryListenerTests.PostgresOnlyTestCase  skipped: PostgresOnlyTestCase runs on postgres, "
					+ "but this run selects only sqlite")
			.doesNotContain("PlainTestCase")
			.doesNotContain("where the backends differ");
		assertThat(project.resolve("target/dbundertest-summary.txt")).content(StandardCharsets.UTF_8)
			.contains("skipped postgresOnly(): [sqlite] runs only on postgres");
	}

	@Test
	void aRunOnBothBackendsListsWhereTheyDifferAndWhatNeverRanOnOne(@TempDir Path project) throws Exception {
		String summary = runOnBothBackends(project, DivergingTestCase.class, PostgresOnlyTestCase.class);

		String divergence = """
				dbundertest: where the backends differ
				  passed on [sqlite], failed on [postgres]:
				    BackendSummaryListenerTests.DivergingTestCase  failsOnPostgres(Backend): AssertionError: postgres says no
				  never ran on [sqlite]:
				    BackendSummaryListenerTests.DivergingTestCase  onlyOnPostgres(): [sqlite] runs only on postgres
				    BackendSummaryListenerTests.PostgresOnlyTestCase: the class has no [sqlite] run
				""";
		assertThat(summary).contains(divergence);
		assertThat(project.resolve("target/dbundertest-divergence.txt")).content(StandardCharsets.UTF_8)
			.isEqualToIgnoringNewLines(divergence);
	}

	@Test
	void aRunWhoseBackendsAgreeSaysSo(@TempDir Path project) throws Exception {
		assertThat(runOnBothBackends(project, AgreeingTestCase.class))
			.contains("dbundertest: [postgres] and [sqlite] agree: every test ran on each, with the same outcome")
			.doesNotContain("where the backends differ");
	}

	private static String runOnBothBackends(Path project, Class<?>... testClasses) throws Exception {
		return run(project, "all", testClasses);
	}

	/** Runs the classes through a launcher whose only listener is the summary, in {@code project}; its output. */
	private static String run(Path project, String backends, Class<?>... testClasses) throws Exception {
		Files.createDirectory(project.resolve("target"));
		var output = new ByteArrayOutputStream();
		var listener = new BackendSummaryListener(new PrintStream(output, true, StandardCharsets.UTF_8), project);
		var launcher = LauncherFactory.create(LauncherConfig.builder()
			.enableTestExecutionListenerAutoRegistration(false)
			.addTestExecutionListeners(listener)
			.build());
		var request = LauncherDiscoveryRequestBuilder.request()
			.configurationParameter(DatabaseUnderTest.BACKENDS_PROPERTY, backends)
			.configurationParameter(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "embedded");
		for (Class<?> testClass : testClasses) {
			request.selectors(selectClass(testClass));
		}
		launcher.execute(request.build());
		return output.toString(StandardCharsets.UTF_8);
	}

	@DatabaseUnderTest
	static class DivergingTestCase {

		@Test
		void agrees() {
		}

		@Test
		void failsOnPostgres(Backend backend) {
			if (backend == Backend.POSTGRES) {
				throw new AssertionError("postgres says no");
			}
		}

		@Test
		@EnabledOnBackend(Backend.POSTGRES)
		void onlyOnPostgres() {
		}
	}

	@DatabaseUnderTest
	static class AgreeingTestCase {

		@Test
		void agrees() {
		}
	}

	@DatabaseUnderTest
	static class MixedTestCase {

		@Test
		void passes() {
		}

		@Test
		void fails() {
			throw new AssertionError("broken on purpose");
		}

		@Test
		@EnabledOnBackend(Backend.POSTGRES)
		void postgresOnly() {
		}

		@Nested
		@EnabledOnBackend(Backend.POSTGRES)
		class Inner {
			@Test
			void nested() {
			}
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	static class PostgresOnlyTestCase {
		@Test
		void neverRuns() {
		}
	}

	static class PlainTestCase {
		@Test
		void unrelated() {
		}
	}
}
