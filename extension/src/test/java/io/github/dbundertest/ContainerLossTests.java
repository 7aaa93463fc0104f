package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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
			.containsExactly("[postgres] killsTheContainer(DataSource)");
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
		void killsTheContainer(DataSource dataSource) throws IOException, InterruptedException, SQLException {
			String container = containerAt(addressOfTheServer(dataSource));
			Process kill = new ProcessBuilder("docker", "kill", container).inheritIO().start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(kill.exitValue()).isZero();
		}

		/*
		 * The server's own address on Docker's network names its container without doubt. The published port does
		 * not: Docker 20.10 publishes a port on IPv4 and IPv6 under different numbers, so one number can belong to
		 * two containers.
		 */
		private static String addressOfTheServer(DataSource dataSource) throws SQLException {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet address = statement.executeQuery("SELECT host(inet_server_addr())")) {
				assertThat(address.next()).isTrue();
				return address.getString(1);
			}
		}

		private static String containerAt(String address) throws IOException, InterruptedException {
			List<String> running = output(true, "docker", "ps", "-q");
			List<String> command = new ArrayList<>(List.of("docker", "inspect", "--format",
					"{{.Id}}{{range .NetworkSettings.Networks}} {{.IPAddress}}{{end}}"));
			command.addAll(running);
			// a container of a concurrent test class may stop meanwhile: inspect then fails for it alone
			List<String> atAddress = output(false, command.toArray(String[]::new)).stream()
				.map(line -> line.split(" "))
				.filter(idAndAddresses -> Arrays.asList(idAndAddresses).subList(1, idAndAddresses.length).contains(address))
				.map(idAndAddresses -> idAndAddresses[0])
				.toList();
			assertThat(atAddress).as("the running containers with address %s", address).hasSize(1);
			return atAddress.get(0);
		}

		private static List<String> output(boolean mustSucceed, String... command)
				throws IOException, InterruptedException {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s ends", String.join(" ", command)).isTrue();
			if (mustSucceed) {
				assertThat(process.exitValue()).as("exit code of %s", String.join(" ", command)).isZero();
			}
			return lines;
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
