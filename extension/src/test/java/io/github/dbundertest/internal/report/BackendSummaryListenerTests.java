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
		Files.createDirectory(project.resolve("target"));
		var output = new ByteArrayOutputStream();
		var listener = new BackendSummaryListener(new PrintStream(output, true, StandardCharsets.UTF_8), project);
		var launcher = LauncherFactory.create(LauncherConfig.builder()
			.enableTestExecutionListenerAutoRegistration(false)
			.addTestExecutionListeners(listener)
			.build());

		launcher.execute(LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(MixedTestCase.class), selectClass(PostgresOnlyTestCase.class),
					selectClass(PlainTestCase.class))
			.configurationParameter(DatabaseUnderTest.BACKENDS_PROPERTY, "sqlite")
			.build());

		String summary = output.toString(StandardCharsets.UTF_8);
		assertThat(summary).contains("dbundertest: results by backend")
			.containsPattern("BackendSummaryListenerTests.MixedTestCase +\\[sqlite\\] +1 passed, 1 failed, 2 skipped")
			.contains("skipped postgresOnly(): [sqlite] runs only on postgres")
			.contains("skipped Inner: [sqlite] runs only on postgres")
			.contains("failed fails(): AssertionError: broken on purpose")
			.contains("BackendSummaryListenerTests.PostgresOnlyTestCase  skipped: PostgresOnlyTestCase runs on postgres, "
					+ "but this run selects only sqlite")
			.doesNotContain("PlainTestCase");
		assertThat(project.resolve("target/dbundertest-summary.txt")).content(StandardCharsets.UTF_8)
			.contains("skipped postgresOnly(): [sqlite] runs only on postgres");
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
