package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbundertest.internal.server.DockerProbe;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every mistake a user can make in the annotation or the configuration gets one error that says the fix. */
class ErrorTests {

	@Test
	void aMissingMigrationLocationNamesTheBackendTheLocationAndWhereToCreateIt() {
		var results = Engine.onAllBackends().run(MissingLocationTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Migration location 'classpath:fixtures/nowhere/sqlite' of @DatabaseUnderTest on "
					+ MissingLocationTestCase.class.getName() + " does not exist (backend sqlite, from "
					+ "'classpath:fixtures/nowhere/{vendor}')")
			.contains("under src/test/resources/fixtures/nowhere/sqlite");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	@Test
	void aFailingMigrationNamesTheBackendAndTheScriptAndOnlyFailsThatBackend() {
		var results = Engine.onAllBackends().run(BrokenMigrationTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(1));
		assertThat(EventsOf.finishedTests(results.testEvents())).containsExactly("[sqlite] works()");
		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Flyway migration failed on [postgres]")
			.contains("fixtures/broken/postgresql/V2__typo.sql")
			.contains("syntax error at or near \"CREAT\"")
			.containsPattern("Line +: 2");
	}

	@Test
	void aFailingSeedScriptNamesTheFileTheLineAndTheStatement() {
		var results = Engine.onBackends("sqlite").run(BrokenSeedTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Seed script classpath:seed/broken.sql failed on [sqlite] at line 3")
			.contains("FOREIGN KEY")
			.contains("in: INSERT INTO book (id, author_id, title) VALUES (9, 999, 'No such author')");
	}

	@Test
	void aMissingSeedScriptIsReportedBeforeAnythingStarts() {
		var results = Engine.onAllBackends().run(MissingSeedTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Seed script 'classpath:seed/sqlite/absent.sql' of @DatabaseUnderTest on")
			.contains("does not exist (backend sqlite, from 'classpath:seed/{vendor}/absent.sql')")
			.contains("Create it under src/test/resources/seed/sqlite/absent.sql");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	@Test
	void aMalformedServerUrlIsReportedWithTheVariableToFix() {
		var results = Engine.onAllBackends()
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, "postgresql//nohost")
			.run(SelectionTests.PortableTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("JUnit configuration parameter dbundertest.postgres.url is not a PostgreSQL URL: 'postgresql//nohost'");
		results.testEvents().assertStatistics(stats -> stats.started(0));
	}

	@Test
	void anUnreachableServerFailsFastNamingHostPortAndWhatToSet() {
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, "postgresql://postgres@127.0.0.1:1/postgres")
			.run(SelectionTests.PortableTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Cannot connect to the PostgreSQL server postgresql://postgres@127.0.0.1:1/postgres")
			.contains("JUnit configuration parameter dbundertest.postgres.url")
			.contains("unset DATABASE_UNDER_TEST_POSTGRES_URL");
	}

	@Test
	void wrongCredentialsAreReportedWithTheServerAndWhatToCheck() {
		ExternalServer.assumeAvailable();
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, "postgresql://nosuchrole:secret@127.0.0.1:5432/postgres")
			.run(SelectionTests.PortableTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Cannot connect to the PostgreSQL server postgresql://nosuchrole:***@127.0.0.1:5432/postgres")
			.contains("nosuchrole")
			.contains("user and password are right")
			.doesNotContain("secret");
	}

	@Test
	void testcontainersAskedForWithoutDockerSaysSoAndNamesBothWaysOut() {
		Assumptions.assumeFalse(DockerProbe.probe().answers(), "Docker answers here; the run without Docker tests this");
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "testcontainers")
			.run(SelectionTests.PortableTestCase.class);

		// the default run points DOCKER_HOST nowhere; the runs on the other providers ask the machine's own places
		String dockerHost = System.getenv("DOCKER_HOST");
		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("The PostgreSQL provider 'testcontainers' (JUnit configuration parameter "
					+ "dbundertest.postgres.provider=testcontainers) needs a running Docker engine, but no Docker "
					+ "engine answered at " + (dockerHost == null ? "unix:///" : dockerHost))
			.contains("Start Docker, or choose another provider: DATABASE_UNDER_TEST_POSTGRES_PROVIDER=embedded");
	}

	@Test
	void autoChoosesTheEmbeddedServerWhenNoUrlIsSetAndDockerIsAbsent() {
		Assumptions.assumeFalse(DockerProbe.probe().answers(), "Docker answers here; the run without Docker tests this");
		var warnings = Warnings.capture();
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "auto")
			.run(SelectionTests.PortableTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(1));
		assertThat(warnings.messages()).isEmpty();
	}

	@Test
	void anUnknownProviderIsReportedWithTheValidOnes() {
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "docker")
			.run(SelectionTests.PortableTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.contains("Unknown PostgreSQL provider 'docker'")
			.contains("auto, external, testcontainers, embedded");
	}

	@DatabaseUnderTest(migrations = { "classpath:db/migration", "classpath:fixtures/nowhere/{vendor}" })
	static class MissingLocationTestCase {
		@Test
		void neverRuns() {
		}
	}

	@DatabaseUnderTest(migrations = "classpath:fixtures/broken/{vendor}")
	static class BrokenMigrationTestCase {
		@Test
		void works() {
		}
	}

	@DatabaseUnderTest(seed = "classpath:seed/broken.sql")
	static class BrokenSeedTestCase {
		@Test
		void neverRuns() {
		}
	}

	@DatabaseUnderTest(seed = "classpath:seed/{vendor}/absent.sql")
	static class MissingSeedTestCase {
		@Test
		void neverRuns() {
		}
	}
}
