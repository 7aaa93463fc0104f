package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConditionTests {

	@Test
	void runsAnnotatedMethodsAndNestedClassesOnlyWhereTheyApplyAndSaysWhyElsewhere() {
		var results = Engine.onAllBackends().run(ConditionalTestCase.class);

		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactlyInAnyOrder("[sqlite] everywhere()",
				"[postgres] everywhere()", "[postgres] postgresOnly(Backend)", "[sqlite] notOnPostgres(Backend)",
				"[postgres] inNestedClass(Backend)");
		assertThat(EventsOf.skipReasons(results.allEvents())).containsExactlyInAnyOrder(
				"[sqlite] runs only on postgres: arrays are a PostgreSQL type",
				"[postgres] disabled on postgres", "[sqlite] runs only on postgres");
	}

	@Test
	void rejectsABackendConditionThatNamesNoBackend() {
		var results = Engine.onBackends("sqlite").run(EmptyConditionTestCase.class);

		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.contains("@EnabledOnBackend({}) on")
			.contains("names no backend");
	}

	@Test
	void rejectsABackendConditionOnTheAnnotatedClassItself() {
		var results = Engine.onBackends("sqlite").run(ConditionOnClassTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("@EnabledOnBackend on the @DatabaseUnderTest class")
			.contains("@DatabaseUnderTest(value = …)");
	}

	@Test
	void rejectsABackendConditionOutsideADatabaseUnderTestClass() {
		var results = Engine.onAllBackends().run(PlainTestCase.class);

		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.contains("@DisabledOnBackend on")
			.contains(PlainTestCase.class.getName() + " is not a @DatabaseUnderTest class")
			.contains("Annotate the class with @DatabaseUnderTest, or remove @DisabledOnBackend");
	}

	static class PlainTestCase {
		@Test
		@DisabledOnBackend(Backend.SQLITE)
		void misplaced() {
		}
	}

	@DatabaseUnderTest
	static class ConditionalTestCase {

		@Test
		void everywhere() {
		}

		@Test
		@EnabledOnBackend(value = Backend.POSTGRES, disabledReason = "arrays are a PostgreSQL type")
		void postgresOnly(Backend backend) {
			assertThat(backend).isEqualTo(Backend.POSTGRES);
		}

		@Test
		@DisabledOnBackend(Backend.POSTGRES)
		void notOnPostgres(Backend backend) {
			assertThat(backend).isEqualTo(Backend.SQLITE);
		}

		@Nested
		@EnabledOnBackend(Backend.POSTGRES)
		class PostgresFeatures {
			@Test
			void inNestedClass(Backend backend) {
				assertThat(backend).isEqualTo(Backend.POSTGRES);
			}
		}
	}

	@DatabaseUnderTest
	static class EmptyConditionTestCase {
		@Test
		@EnabledOnBackend({})
		void neverRuns() {
		}
	}

	@DatabaseUnderTest
	@EnabledOnBackend(Backend.POSTGRES)
	static class ConditionOnClassTestCase {
		@Test
		void neverRuns() {
		}
	}
}
