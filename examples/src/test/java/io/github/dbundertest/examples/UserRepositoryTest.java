package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TicketDeskDatabase
class UserRepositoryTest {

	private UserRepository users;

	@BeforeEach
	void createRepository(DataSource dataSource) {
		// few iterations: these tests hash many passwords, and strength is not what they check
		users = new UserRepository(dataSource, new PasswordHasher(1_000));
	}

	@Test
	void registeredUserIsFound() throws SQLException {
		User carol = users.register("carol@example.com", "carol-password");

		assertEquals(Optional.of(carol), users.findByEmail("carol@example.com"));
	}

	@Test
	void emailIsFoundInAnyLetterCaseAndKeepsItsOwn() throws SQLException {
		User carol = users.register("Carol.Smith@Example.com", "carol-password");

		assertEquals(Optional.of(carol), users.findByEmail("carol.smith@EXAMPLE.COM"));
		assertEquals("Carol.Smith@Example.com", carol.email());
	}

	@ParameterizedTest
	@ValueSource(strings = { Seed.ALICE, "ALICE@example.com", "Alice@Example.Com" })
	void emailTakenInAnyLetterCaseIsRefused(String email, Connection connection) throws SQLException {
		assertThrows(DuplicateEmailException.class, () -> users.register(email, "another-password"));
		assertEquals(Seed.USERS, Rows.count(connection, "users"));
	}

	@Test
	void emailLongerThanSmtpAllowsIsRefused() {
		String email = "a".repeat(UserRepository.MAX_EMAIL_LENGTH - "@example.com".length() + 1) + "@example.com";

		assertThrows(IllegalArgumentException.class, () -> users.register(email, "long-password"));
	}

	@Test
	void rightPasswordAuthenticates() throws SQLException {
		User bob = users.findByEmail(Seed.BOB).orElseThrow();

		assertEquals(Optional.of(bob), users.authenticate("BOB@example.com", Seed.BOB_PASSWORD));
	}

	@Test
	void wrongPasswordDoesNotAuthenticate() throws SQLException {
		assertEquals(Optional.empty(), users.authenticate(Seed.BOB, Seed.ALICE_PASSWORD));
	}

	@Test
	void unknownEmailDoesNotAuthenticate() throws SQLException {
		assertEquals(Optional.empty(), users.authenticate("mallory@example.com", Seed.BOB_PASSWORD));
	}

	@Test
	void samePasswordIsStoredWithDifferentSalts(Connection connection) throws SQLException {
		users.register("dave@example.com", "shared-password");
		users.register("erin@example.com", "shared-password");

		String dave = passwordHash(connection, "dave@example.com");
		String erin = passwordHash(connection, "erin@example.com");
		assertNotEquals(dave, erin);
		assertTrue(dave.startsWith("pbkdf2_sha256$1000$"), dave);
		assertTrue(users.authenticate("erin@example.com", "shared-password").isPresent());
	}

	private static String passwordHash(Connection connection, String email) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
			select.setString(1, email);
			try (ResultSet row = select.executeQuery()) {
				row.next();
				return row.getString(1);
			}
		}
	}
}
