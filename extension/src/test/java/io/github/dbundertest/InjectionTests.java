package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InjectionTests {

	static final List<Connection> CONNECTIONS = new CopyOnWriteArrayList<>();

	@Test
	void injectsTheDatabaseOfTheInvocationEverywhereAndClosesConnectionsAfterTheMethod() throws SQLException {
		CONNECTIONS.clear();
		var results = Engine.onAllBackends().run(InjectingTestCase.class);

		results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
		assertThat(CONNECTIONS).hasSize(12);
		for (Connection connection : CONNECTIONS) {
			assertThat(connection.isClosed()).as("connection %s closed", connection).isTrue();
		}
	}

	@Test
	void explainsWhichTypesItInjectsWhenAskedForAnother() {
		var results = Engine.onBackends("sqlite").run(UnsupportedParameterTestCase.class);

		assertThat(EventsOf.failureMessages(results.testEvents())).singleElement()
			.asString()
			.contains("@DatabaseUnderTest cannot inject parameter [java.sql.Statement statement]")
			.contains("it injects javax.sql.DataSource, java.sql.Connection, io.github.dbundertest.Backend, "
					+ "io.github.dbundertest.DatabaseInfo and io.github.dbundertest.SchemaComparison");
	}

	@DatabaseUnderTest
	static class InjectingTestCase {

		private final DataSource fromConstructor;

		InjectingTestCase(DataSource dataSource) {
			this.fromConstructor = dataSource;
		}

		@BeforeEach
		void before(Connection connection) {
			CONNECTIONS.add(connection);
		}

		@AfterEach
		void after(Connection connection) throws SQLException {
			CONNECTIONS.add(connection);
			assertThat(connection.isClosed()).isFalse();
		}

		@Test
		void allTypes(DataSource dataSource, Connection connection, Backend backend, DatabaseInfo info)
				throws SQLException {
			CONNECTIONS.add(connection);
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(info.backend()).isEqualTo(backend);
			assertThat(info.dataSource()).isSameAs(dataSource).isSameAs(fromConstructor);
			assertThat(connection.getMetaData().getURL()).startsWith(backend == Backend.SQLITE ? "jdbc:sqlite:" : "jdbc:postgresql:");
		}

		@Test
		void realUrlAndCredentials(DatabaseInfo info, Connection injected) throws SQLException {
			CONNECTIONS.add(injected);
			try (Connection own = DriverManager.getConnection(info.jdbcUrl(), info.username(), info.password());
					Statement statement = own.createStatement()) {
				statement.executeUpdate("INSERT INTO author (id, name) VALUES (77, 'Own connection')");
			}
			assertThat(LifecycleTests.count(injected, "author")).isEqualTo(2);
		}
	}

	@DatabaseUnderTest
	static class UnsupportedParameterTestCase {
		@Test
		void wantsAStatement(Statement statement) {
		}
	}
}
