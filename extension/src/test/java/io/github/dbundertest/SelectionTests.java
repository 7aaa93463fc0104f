package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelectionTests {

	@Test
	void runsOnSqliteOnlyByDefault() {
		var results = Engine.onBackends(null).run(PortableTestCase.class);

		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactly("[sqlite] runs(Backend)");
	}

	@Test
	void runsOnceOnEverySelectedBackendWithItsNameAsDisplayName() {
		var results = Engine.onBackends(" SQLite , PostgreSQL ").run(PortableTestCase.class);

		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactly("[sqlite] runs(Backend)",
				"[postgres] runs(Backend)");
		results.testEvents().assertStatistics(stats -> stats.succeeded(2));
	}

	@Test
	void runsOnlyTheSelectedBackendsThatTheClassSupports() {
		var results = Engine.onAllBackends().run(PostgresOnlyTestCase.class);

		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactly("[postgres] runs(Backend)");
	}

	@Test
	void skipsAClassNoneOfWhoseBackendsIsSelectedAndSaysWhatToSet() {
		var results = Engine.onBackends("sqlite").run(PostgresOnlyTestCase.class);

		assertThat(EventsOf.skipReasons(results.containerEvents())).singleElement()
			.asString()
			.contains("PostgresOnlyTestCase runs on postgres, but this run selects only sqlite")
			.contains("JUnit configuration parameter dbundertest.backends=sqlite")
			.contains("set DATABASE_UNDER_TEST=postgres or -Ddbundertest.backends=postgres");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	@Test
	void rejectsAnUnknownBackendQuotingItAndListingTheValidOnes() {
		var results = Engine.onBackends("sqlite,mysql").run(PortableTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Unknown backend 'mysql'")
			.contains("'sqlite,mysql'")
			.contains("sqlite, postgres (or postgresql), a comma-separated list of them, or all");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	@Test
	void rejectsAClassThatSupportsNoBackend() {
		var results = Engine.onAllBackends().run(NoBackendTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("@DatabaseUnderTest(value = {}) on " + NoBackendTestCase.class.getName() + " names no backend");
	}

	@Test
	void worksAsAMetaAnnotationAndIsInherited() {
		var results = Engine.onAllBackends().run(InheritingTestCase.class);

		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactly("[postgres] runs(Backend)");
	}

	@DatabaseUnderTest
	static class PortableTestCase {
		@org.junit.jupiter.api.Test
		void runs(Backend backend) {
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	static class PostgresOnlyTestCase {
		@org.junit.jupiter.api.Test
		void runs(Backend backend) {
			assertThat(backend).isEqualTo(Backend.POSTGRES);
		}
	}

	@DatabaseUnderTest({})
	static class NoBackendTestCase {
		@org.junit.jupiter.api.Test
		void neverRuns() {
		}
	}

	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@DatabaseUnderTest(Backend.POSTGRES)
	@interface PostgresDatabaseTest {
	}

	@PostgresDatabaseTest
	abstract static class PostgresBase {
	}

	static class InheritingTestCase extends PostgresBase {
		@org.junit.jupiter.api.Test
		void runs(Backend backend) {
			assertThat(backend).isEqualTo(Backend.POSTGRES);
		}
	}
}
