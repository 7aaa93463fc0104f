package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.RepeatedTest;

/** Classes running concurrently never see each other's rows, and a class's tests never see a reset mid-test. */
class ParallelTests {

	@org.junit.jupiter.api.Test
	void concurrentClassesAndMethodsEachSeeOnlyTheirOwnRows() {
		var results = Engine.onAllBackends()
			.with("junit.jupiter.execution.parallel.enabled", "true")
			.with("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.with("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.with("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.with("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
			.run(FirstTestCase.class, SecondTestCase.class, ThirdTestCase.class, FourthTestCase.class,
					FifthTestCase.class, SixthTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(6 * 2 * 5).failed(0));
	}

	abstract static class IsolationBase {

		@RepeatedTest(5)
		void seesOnlyItsOwnRows(Connection connection) throws Exception {
			String marker = getClass().getSimpleName();
			try (Statement statement = connection.createStatement()) {
				for (int i = 0; i < 20; i++) {
					statement.executeUpdate("INSERT INTO author (id, name) VALUES (" + (100 + i) + ", '" + marker
							+ " " + i + "')");
				}
			}
			Thread.sleep(5); // widen the window in which another class or test could interfere
			assertThat(ResetTests.column(connection, "SELECT count(*) FROM author WHERE name LIKE '" + marker + "%'"))
				.isEqualTo("[20]");
			assertThat(ResetTests.column(connection, "SELECT count(*) FROM author")).isEqualTo("[21]");
		}

	}

	@DatabaseUnderTest
	static class FirstTestCase extends IsolationBase {
	}

	@DatabaseUnderTest
	static class SecondTestCase extends IsolationBase {
	}

	@DatabaseUnderTest
	static class ThirdTestCase extends IsolationBase {
	}

	@DatabaseUnderTest
	static class FourthTestCase extends IsolationBase {
	}

	@DatabaseUnderTest
	static class FifthTestCase extends IsolationBase {
	}

	@DatabaseUnderTest
	static class SixthTestCase extends IsolationBase {
	}
}
