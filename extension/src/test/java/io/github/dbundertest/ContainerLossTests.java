package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The container disappears mid-run (killed through Docker): what depends on it fails promptly, saying the server
 * does not answer; nothing hangs. Runs in the Testcontainers run of the suite only.
 */
class ContainerLossTests {

	@Test
	void classesOnAContainerThatDisappearedFailPromptlyWithAMessageThatSaysSo() {
		Assumptions.assumeTrue(Provider.current() == Provider.TESTCONTAINERS, "only in the run on Testcontainers");
		long started = System.nanoTime();
		// another image name gives this test a container of its own to kill; the CI image is tagged both ways
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "testcontainers")
			.with(DatabaseUnderTest.POSTGRES_IMAGE_PROPERTY, "local/postgres:15")
			.run(KillsItsContainerTestCase.class, LaterTestCase.class);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(90));
		assertThat(EventsOf.finishedTests(results.testEvents().succeeded()))
			.containsExactly("[postgres] killsTheContainer(DatabaseInfo)");
		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.contains("does not answer");
		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.startsWith("[postgres] could not create the database of " + LaterTestCase.class.getName())
			.contains("does not answer");
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class KillsItsContainerTestCase {

		@Test
		@Order(1)
		void killsTheContainer(DatabaseInfo info) throws IOException, InterruptedException {
			int port = URI.create(info.jdbcUrl().substring("jdbc:".length())).getPort();
			Process find = new ProcessBuilder("docker", "ps", "-q", "--filter", "publish=" + port).start();
			String container = new String(find.getInputStream().readAllBytes()).trim();
			assertThat(container).as("the container publishing port %d", port).isNotEmpty();
			Process kill = new ProcessBuilder("docker", "kill", container).inheritIO().start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(kill.exitValue()).isZero();
		}

		@Test
		@Order(2)
		void runsAfterTheContainerDisappeared(DatabaseInfo info) {
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	static class LaterTestCase {

		@Test
		void neverGetsADatabase(DatabaseInfo info) {
		}
	}
}
