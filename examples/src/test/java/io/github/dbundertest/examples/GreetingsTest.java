package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.github.dbundertest.DatabaseUnderTest;
import org.junit.jupiter.api.Test;

// tag::quick-start[]
// migrations: where Flyway finds the scripts; leave it out for the default, classpath:db/migration
@DatabaseUnderTest(migrations = "classpath:db/greetings")
class GreetingsTest {

	@Test
	void readsWhatTheMigrationInserted(Connection connection) throws SQLException {
		assertEquals("Hallo", greeting(connection, "de"));
	}

	@Test
	void storesAGreeting(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO greetings (language, greeting) VALUES ('fr', 'Bonjour')");

			assertEquals("Bonjour", greeting(connection, "fr"));
		}
	}

	@Test
	void startsFromTheMigratedState(Connection connection) throws SQLException {
		// whichever test ran first: what storesAGreeting committed is gone
		assertNull(greeting(connection, "fr"));
	}

	private static String greeting(Connection connection, String language) throws SQLException {
		try (PreparedStatement select = connection
			.prepareStatement("SELECT greeting FROM greetings WHERE language = ?")) {
			select.setString(1, language);
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? row.getString("greeting") : null;
			}
		}
	}
}
// end::quick-start[]
