package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The PostgreSQL server dies mid-run: what depends on it fails, promptly, saying so; nothing hangs. */
class ServerLossTests {

	@Test
	void classesOnAServerThatDiedFailPromptlyWithAMessageThatSaysSo() {
		long started = System.nanoTime();
		var warnings = Warnings.capture();
		// an image setting the embedded provider ignores: it gives this test a server of its own to kill
		var results = Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "embedded")
			.with(DatabaseUnderTest.POSTGRES_IMAGE_PROPERTY, "server-to-kill")
			.with("dbundertest.cache", "off") // and no data folder kept between runs
			.run(KillsItsServerTestCase.class, LaterTestCase.class);
		warnings.close();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
		assertThat(EventsOf.finishedTests(results.testEvents().succeeded())).containsExactly("[postgres] killsTheServer(Connection)");
		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.startsWith("[postgres] could not rebuild database dbundertest_test_")
			.contains("The PostgreSQL server PostgreSQL")
			.contains("does not answer");
		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.asString()
			.startsWith("[postgres] could not create the database of " + LaterTestCase.class.getName())
			.contains("The PostgreSQL server PostgreSQL")
			.contains("does not answer");
		assertThat(warnings.messages()).as("the end of the run, which tries no further once the server does not answer")
			.filteredOn(message -> message.startsWith("Could not drop"))
			.singleElement()
			.asString()
			.matches("Could not drop databases dbundertest_test_\\w+, dbundertest_template_\\w+: .*does not answer.*");
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class KillsItsServerTestCase {

		@Test
		@Order(1)
		void killsTheServer(Connection connection) throws SQLException {
			long postmaster = Long.parseLong(ResetTests.column(connection, "SELECT split_part(pg_read_file('postmaster.pid'), chr(10), 1)")
				.replaceAll("[\\[\\]]", ""));
			ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
			server.descendants().forEach(ProcessHandle::destroyForcibly);
			server.destroyForcibly();
			server.onExit().join();
		}

		@Test
		@Order(2)
		void runsAfterTheServerDied(Connection connection) {
		}
	}

	@DatabaseUnderTest(Backend.POSTGRES)
	static class LaterTestCase {

		@Test
		void neverGetsADatabase(Connection connection) {
		}
	}
}
