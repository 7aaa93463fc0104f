package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** SQLite's parity mode: on by default, off by setting, its check's message, and a bad setting. */
class ParityTests {

	@Test
	void aTestThatLeavesValuesPostgresWouldRefuseFailsSayingWhichAndWhy() {
		var results = Engine.onBackends("sqlite").run(LeavesBadValuesTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement().isEqualTo("""
				[sqlite] parity: this test left values that PostgreSQL would have refused or changed:
				  people.nickname (VARCHAR(5)) holds 'Augusta' (text): PostgreSQL refuses a value longer than 5 characters
				  people.age (INTEGER) holds 'unknown' (text): PostgreSQL's integer refuses text
				Fix the value or the column's type (dbundertest.sqlite.parity=off turns this check off).""");
	}

	@Test
	void aSchemaChangedByATestIsCheckedAsItIsNow() {
		var results = Engine.onBackends("sqlite").run(ChangesTheSchemaTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(2));
		assertThat(EventsOf.failureMessages(results.testEvents())).satisfiesExactly(
				added -> assertThat(added).contains("people.level (SMALLINT) holds 70000 (integer): out of range for PostgreSQL's"
						+ " smallint (16 bits)"),
				dropped -> assertThat(dropped).contains("people.age (INTEGER) holds 'old' (text)")
					.doesNotContain("nickname"));
	}

	@Test
	void turnedOffTheSameTestsPass() {
		var results = Engine.onBackends("sqlite")
			.with(DatabaseUnderTest.SQLITE_PARITY_PROPERTY, "off")
			.run(LeavesBadValuesTestCase.class, PlainSqliteTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(0));
	}

	@Test
	void connectionsFromTheUrlCompareLikeWithLetterCaseAndReverseUnorderedRows() {
		var results = Engine.onBackends("sqlite").run(ParitySqliteTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
	}

	@Test
	void valuesTheSeedLeftAreSaidOnceAndNotBlamedOnTheTests() {
		var warnings = Warnings.capture();
		var results = Engine.onBackends("sqlite").run(BadSeedTestCase.class);
		warnings.close();

		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
		assertThat(warnings.messages()).singleElement().isEqualTo("""
				[sqlite] parity: the migrations and seeds already leave values that PostgreSQL would refuse or change; \
				tests are checked only for values they add:
				  people.nickname (VARCHAR(5)) holds 'Augustine' (text): PostgreSQL refuses a value longer than 5 characters""");
	}

	@Test
	void aValueATestAddsIsFoundBehindManyTheSeedLeft() {
		var results = Engine.onBackends("sqlite").run(AddsToABadSeedTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(0).failed(1));
		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.satisfies(message -> assertThat(message)
				.contains("people.nickname (VARCHAR(5)) holds 'Bartholomew' (text)")
				.doesNotContain("Augustine", "Gracefully", "Linusesque", "Dijkstra"));
	}

	@Test
	void anUnknownSettingFailsTheClassQuotingIt() {
		var results = Engine.onBackends("sqlite")
			.with(DatabaseUnderTest.SQLITE_PARITY_PROPERTY, "maybe")
			.run(PlainSqliteTestCase.class);

		assertThat(EventsOf.failureMessages(results.containerEvents())).singleElement()
			.isEqualTo("Unknown SQLite parity setting 'maybe' in JUnit configuration parameter dbundertest.sqlite.parity."
					+ " Valid values: on, off.");
	}

	@DatabaseUnderTest(migrations = "classpath:parity")
	static class LeavesBadValuesTestCase {

		@Test
		void leavesTwoBadValues(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("UPDATE people SET age = 'unknown', nickname = 'Augusta' WHERE id = 1");
			}
		}

		@Test
		void leavesNothingBad(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("UPDATE people SET age = 37, nickname = 'Ada', born = '1815-12-10',"
						+ " joined = '2024-05-01T13:45:00.123456Z', active = TRUE, balance = 12.5 WHERE id = 1");
			}
		}
	}

	@DatabaseUnderTest(migrations = "classpath:parity")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class ChangesTheSchemaTestCase {

		@Test
		@Order(1)
		void writesSomethingFine(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("UPDATE people SET age = 40 WHERE id = 1");
			}
		}

		@Test
		@Order(2)
		void addsAColumnAndFillsItWithTooLargeANumber(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TABLE people ADD COLUMN level SMALLINT");
				statement.execute("UPDATE people SET level = 70000");
			}
		}

		@Test
		@Order(3)
		void dropsAColumnAndLeavesTextInAnother(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("ALTER TABLE people DROP COLUMN nickname");
				statement.execute("UPDATE people SET age = 'old' WHERE id = 1");
			}
		}

		@Test
		@Order(4)
		void findsTheTemplatesColumnsAgain(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM pragma_table_info('people') WHERE name IN ('level', 'nickname')"))
				.isEqualTo("[nickname]");
		}
	}

	@DatabaseUnderTest(migrations = "classpath:parity", seed = "classpath:seed/many-too-long-nicknames.sql")
	static class AddsToABadSeedTestCase {

		@Test
		void addsOneMore(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO people (id, name, nickname) VALUES (5, 'Bart', 'Bartholomew')");
			}
		}
	}

	@DatabaseUnderTest(migrations = "classpath:parity", seed = "classpath:seed/too-long-nickname.sql")
	static class BadSeedTestCase {

		@Test
		void writesSomethingFine(Connection connection) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("UPDATE people SET age = 40 WHERE id = 1");
			}
		}

		@Test
		void readsOnly(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT nickname FROM people WHERE id = 2")).isEqualTo("[Augustine]");
		}
	}

	@DatabaseUnderTest(migrations = "classpath:parity")
	static class PlainSqliteTestCase {

		@Test
		void likeIgnoresCaseAndRowsComeInInsertionOrder(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM people WHERE name LIKE 'ada'")).isEqualTo("[Ada]");
			assertThat(column(connection, "SELECT name FROM people")).isEqualTo("[Ada, Grace, Linus]");
		}
	}

	@DatabaseUnderTest(migrations = "classpath:parity")
	static class ParitySqliteTestCase {

		@Test
		void ownConnectionsBehaveLikeTheInjectedOnes(DatabaseInfo info) throws SQLException {
			try (Connection own = DriverManager.getConnection(info.jdbcUrl())) {
				assertThat(column(own, "SELECT name FROM people WHERE name LIKE 'ada'")).isEqualTo("[]");
				assertThat(column(own, "SELECT name FROM people")).isEqualTo("[Linus, Grace, Ada]");
			}
		}
	}
}
