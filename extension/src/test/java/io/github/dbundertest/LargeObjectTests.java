package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Large objects live in a catalog, beside the rows that reference them: a PostgreSQL reset unlinks those a test
 * created, and a test that changed one of the template's own is followed by a database copied again.
 */
class LargeObjectTests {

	private static final String CONTENTS = "SELECT convert_from(lo_get(oid), 'UTF8') FROM pg_largeobject_metadata ORDER BY oid";

	@Test
	void largeObjectsATestCreatedAreGoneForTheNextTestWithoutARebuild() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("postgres").run(CreatesLargeObjectsTestCase.class);
		warnings.close();

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
		assertThat(warnings.messages()).as("the restore did all the work").isEmpty();
	}

	@Test
	void aTestThatWroteToOrUnlinkedALargeObjectOfTheTemplateIsFollowedByTheTemplatesOwn() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("postgres").run(ChangesTheSeededLargeObjectTestCase.class);
		warnings.close();

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
		assertThat(warnings.messages()).hasSize(2)
			.allSatisfy(message -> assertThat(message).contains("rebuilding it from the template")
				.contains("a large object that the migrations created"));
	}

	@DatabaseUnderTest(value = Backend.POSTGRES, migrations = "classpath:fixtures/large-objects")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class CreatesLargeObjectsTestCase {

		@Test
		@Order(1)
		void createsLargeObjects(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO document (id, title, content) "
						+ "VALUES (2, 'uploaded', lo_from_bytea(0, 'uploaded content'))");
				statement.execute("SELECT lo_create(424242)");
				statement.execute("SELECT lo_from_bytea(0, 'referenced by no row')");
			}
			assertThat(column(connection, CONTENTS)).contains("uploaded content", "referenced by no row");
		}

		@Test
		@Order(2)
		void findsOnlyTheSeededOneAndCanCreateTheSameOidAgain(Connection connection) throws SQLException {
			assertThat(column(connection, CONTENTS)).isEqualTo("[seeded content]");
			assertThat(column(connection, "SELECT concat_ws(' ', title, changed, relation, first_after_keep) FROM document"))
				.isEqualTo("[seeded 2026-01-01 00:00:00 seed t]");
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT lo_create(424242)");
			}
		}

		@Test
		@Order(3)
		void findsOnlyTheSeededOneAgain(Connection connection) throws SQLException {
			assertThat(column(connection, CONTENTS)).isEqualTo("[seeded content]");
		}
	}

	@DatabaseUnderTest(value = Backend.POSTGRES, migrations = "classpath:fixtures/large-objects")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class ChangesTheSeededLargeObjectTestCase {

		@Test
		@Order(1)
		void writesIntoIt(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT lo_put(content, 0, 'SEEDED') FROM document WHERE id = 1");
			}
			assertThat(column(connection, CONTENTS)).isEqualTo("[SEEDED content]");
		}

		@Test
		@Order(2)
		void findsItAsSeededThenUnlinksIt(Connection connection) throws SQLException {
			assertThat(column(connection, CONTENTS)).isEqualTo("[seeded content]");
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT lo_unlink(content) FROM document WHERE id = 1");
			}
			assertThat(column(connection, CONTENTS)).isEqualTo("[]");
		}

		@Test
		@Order(3)
		void findsItAsSeeded(Connection connection) throws SQLException {
			assertThat(column(connection, CONTENTS)).isEqualTo("[seeded content]");
		}
	}
}
