package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * SQLite connections are never handed to a second test: each test gets a new one. It is the driver's own
 * connection, so that sqlite-jdbc's API for functions and hooks takes it, and nothing a test set on it (functions,
 * pragmas, temporary tables) reaches the next test.
 */
class SqliteConnectionTests {

	static final Map<String, Connection> SEEN = new ConcurrentHashMap<>();

	@Test
	void everyTestGetsTheDriversOwnConnectionThatNoTestHasHad() {
		SEEN.clear();
		var results = Engine.onBackends("sqlite").run(ChangesItsConnectionTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
	}

	@DatabaseUnderTest(value = Backend.SQLITE, seed = "classpath:seed/books.sql")
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class ChangesItsConnectionTestCase {

		@Test
		@Order(1)
		void changesWhatItCanOnItsConnections(Connection connection, DataSource dataSource) throws SQLException {
			assertThat(connection).isInstanceOf(SQLiteConnection.class);
			// sqlite-jdbc takes only its own connection class here, not a wrapper
			Function.create(connection, "shout", new Function() {
				@Override
				protected void xFunc() throws SQLException {
					result(value_text(0).toUpperCase());
				}
			});
			assertThat(column(connection, "SELECT shout(name) FROM author ORDER BY id LIMIT 1"))
				.isEqualTo("[MIGRATED AUTHOR]");
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TEMP TABLE scratch (id INTEGER)");
				statement.execute("PRAGMA recursive_triggers = true");
				statement.execute("PRAGMA foreign_keys = false");
			}
			SEEN.put("injected", connection);
			SEEN.put("from the data source", dataSource.getConnection()); // left open for the class's end to close
		}

		@Test
		@Order(2)
		void getsAConnectionWithNoneOfIt(Connection connection) throws SQLException {
			assertThat(connection).isNotSameAs(SEEN.get("injected")).isNotSameAs(SEEN.get("from the data source"));
			assertThat(SEEN.get("injected").isClosed()).as("the first test's connection, closed after it").isTrue();
			assertThat(column(connection, "SELECT count(*) FROM temp.sqlite_schema")).isEqualTo("[0]");
			assertThat(column(connection, "PRAGMA recursive_triggers")).isEqualTo("[0]");
			assertThat(column(connection, "PRAGMA foreign_keys")).isEqualTo("[1]");
			assertThatThrownBy(() -> column(connection, "SELECT shout('x')")).hasMessageContaining("no such function");
		}
	}
}
