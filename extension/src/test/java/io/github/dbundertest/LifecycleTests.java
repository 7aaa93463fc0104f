package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

class LifecycleTests {

	static final List<String> EVENTS = new CopyOnWriteArrayList<>();

	@Test
	void everyLifecycleMethodSeesTheDatabaseOfItsInvocation() {
		EVENTS.clear();
		var results = Engine.onAllBackends().run(LifecycleTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
		assertThat(EVENTS).filteredOn(event -> event.startsWith("first") || event.startsWith("second")
				|| event.startsWith("nested"))
			.containsExactlyInAnyOrder("first SQLITE authors=1", "second SQLITE authors=1", "nested SQLITE authors=1",
					"first POSTGRES authors=1", "second POSTGRES authors=1", "nested POSTGRES authors=1");
		assertThat(EVENTS).filteredOn(event -> event.startsWith("constructor")).hasSize(6);
	}

	@Test
	void perClassConstructorsAndBeforeAllMethodsGetAnErrorThatSaysWhereToAskInstead() {
		var results = Engine.onBackends("sqlite").run(PerClassTestCase.class);

		results.containerEvents().assertStatistics(stats -> stats.failed(1));
		var failure = results.containerEvents().failed().stream().findFirst().orElseThrow();
		assertThat(failure.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
			.getThrowable()
			.orElseThrow()).hasMessageContaining("@DatabaseUnderTest cannot inject parameter [javax.sql.DataSource")
			.hasMessageContaining("@TestInstance(PER_CLASS)")
			.hasMessageContaining("@BeforeEach");
	}

	@DatabaseUnderTest
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	static class PerClassTestCase {

		PerClassTestCase(DataSource dataSource) {
		}

		@Test
		void neverRuns() {
		}
	}

	@DatabaseUnderTest
	static class LifecycleTestCase {

		LifecycleTestCase(Backend backend, DataSource dataSource) {
			EVENTS.add("constructor " + backend);
		}

		@BeforeEach
		void beforeEach(Backend backend, DatabaseInfo info) {
			EVENTS.add("beforeEach " + backend + " " + info.jdbcUrl());
		}

		@Test
		void first(Connection connection, Backend backend) throws SQLException {
			EVENTS.add("first " + backend + " authors=" + count(connection, "author"));
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (10, 'Committed')");
			}
		}

		@Test
		void second(Connection connection, Backend backend) throws SQLException {
			EVENTS.add("second " + backend + " authors=" + count(connection, "author"));
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (10, 'Committed')");
			}
		}

		@Nested
		class Inner {
			@Test
			void nested(Connection connection, Backend backend) throws SQLException {
				EVENTS.add("nested " + backend + " authors=" + count(connection, "author"));
			}
		}
	}

	static int count(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rows.next();
			return rows.getInt(1);
		}
	}
}
