package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A user that is no superuser cannot install change tracking or switch triggers off: resets truncate every table,
 * insert the template's rows and compare a digest of the schema instead. The fixtures of the superuser's way hold
 * on this one too. Runs in the external-server run of the suite, as a role it creates and drops.
 */
class NonSuperuserTests {

	private static final String ROLE = "dbundertest_plain_" + ProcessHandle.current().pid();

	@BeforeAll
	static void createTheRole() throws SQLException {
		Assumptions.assumeTrue(Provider.current() == Provider.EXTERNAL, "only in the run on the external server");
		asServerOwner("CREATE ROLE " + ROLE + " LOGIN CREATEDB NOSUPERUSER");
	}

	@AfterAll
	static void dropTheRoleAndWhatItOwns() throws SQLException {
		if (Provider.current() != Provider.EXTERNAL) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(ExternalServer.URL, "postgres", null);
				Statement statement = connection.createStatement()) {
			List<String> owned = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database d JOIN pg_roles r "
					+ "ON r.oid = d.datdba WHERE r.rolname = '" + ROLE + "'")) {
				while (rows.next()) {
					owned.add(rows.getString(1));
				}
			}
			for (String database : owned) {
				statement.execute("DROP DATABASE \"" + database + "\" WITH (FORCE)");
			}
			statement.execute("DROP ROLE IF EXISTS " + ROLE);
			assertThat(owned).as("databases the runs left behind").isEmpty();
		}
	}

	@Test
	@ResourceLock(ResetTests.SEEN_LOCK)
	void everyTestStartsFromTheMigratedAndSeededStateWhateverThePreviousOneCommitted() {
		ResetTests.SEEN.clear();
		var warnings = Warnings.capture();
		var results = asPlainUser().run(ResetTests.AfterEachTestTestCase.class);
		warnings.close();

		assertThat(warnings.messages()).as("the fast reset did all the work, with no rebuild").isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
		String first = ResetTests.SEEN.get("POSTGRES 1");
		assertThat(first).contains("labels=[bug]");
		assertThat(ResetTests.SEEN.get("POSTGRES 2")).isEqualTo(first);
		assertThat(ResetTests.SEEN.get("POSTGRES 3")).isEqualTo(first);
	}

	@Test
	void aTestThatChangesTheSchemaIsFollowedByAnIntactDatabase() {
		var warnings = Warnings.capture();
		var results = asPlainUser().run(ResetTests.SchemaChangingTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
		assertThat(warnings.messages()).hasSize(2)
			.allSatisfy(message -> assertThat(message).contains("rebuilding it from the template")
				.contains("a test changed the schema (tables, columns"));
	}

	@Test
	void largeObjectsATestCreatedAreUnlinkedAndTheTemplatesOwnAreCheckedToo() {
		var warnings = Warnings.capture();
		var results = asPlainUser().run(LargeObjectTests.CreatesLargeObjectsTestCase.class,
				LargeObjectTests.ChangesTheSeededLargeObjectTestCase.class);
		warnings.close();

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
		assertThat(warnings.messages()).hasSize(2)
			.allSatisfy(message -> assertThat(message).contains("a large object that the migrations created"));
	}

	private static Engine asPlainUser() {
		return Engine.onBackends("postgres")
			.with(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "external")
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, "postgresql://" + ROLE + "@127.0.0.1:5432/postgres");
	}

	private static void asServerOwner(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(ExternalServer.URL, "postgres", null);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}
}
