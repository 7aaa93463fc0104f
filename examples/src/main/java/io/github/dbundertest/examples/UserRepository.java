package io.github.dbundertest.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Users and their passwords. E-mail addresses are unique and looked up without regard to case: the unique index
 * is on {@code lower(email)}, which SQLite and PostgreSQL both support, so the database enforces the rule on both.
 */
public final class UserRepository {

	/** The longest address SMTP allows (RFC 5321), and the length of {@code users.email}. */
	public static final int MAX_EMAIL_LENGTH = 254;

	private final DataSource dataSource;
	private final PasswordHasher hasher;

	public UserRepository(DataSource dataSource, PasswordHasher hasher) {
		this.dataSource = dataSource;
		this.hasher = hasher;
	}

	// tag::register[]
	/**
	 * Stores a new user.
	 *
	 * @throws DuplicateEmailException if the address is taken, in any letter case
	 * @throws IllegalArgumentException if the address is not one
	 */
	public User register(String email, String password) throws SQLException {
		if (email.indexOf('@') < 1 || email.length() > MAX_EMAIL_LENGTH) {
			// checked here because SQLite ignores the length in VARCHAR(254): only PostgreSQL would refuse it
			throw new IllegalArgumentException("Not an e-mail address of at most " + MAX_EMAIL_LENGTH
					+ " characters: " + email);
		}
		String passwordHash = hasher.hash(password);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO users (email, password_hash) VALUES (?, ?) RETURNING id")) {
			insert.setString(1, email);
			insert.setString(2, passwordHash);
			try (ResultSet row = insert.executeQuery()) {
				row.next();
				return new User(row.getLong("id"), email);
			}
			catch (SQLException e) {
				if (Dialect.of(connection).isUniqueViolation(e)) {
					throw new DuplicateEmailException(email, e);
				}
				throw e;
			}
		}
	}
	// end::register[]

	/** The user with this e-mail address, in any letter case. */
	public Optional<User> findByEmail(String email) throws SQLException {
		return findCredentials(email).map(Credentials::user);
	}

	/** The user whose e-mail address and password these are; empty if either is wrong. */
	public Optional<User> authenticate(String email, String password) throws SQLException {
		return findCredentials(email)
			.filter(credentials -> hasher.verify(password, credentials.passwordHash()))
			.map(Credentials::user);
	}

	private Optional<Credentials> findCredentials(String email) throws SQLException {
		// lower() on both sides, so that the lookup uses the unique index on lower(email)
		String sql = "SELECT id, email, password_hash FROM users WHERE lower(email) = lower(?)";
		try (Connection connection = dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, email);
			try (ResultSet row = select.executeQuery()) {
				if (!row.next()) {
					return Optional.empty();
				}
				User user = new User(row.getLong("id"), row.getString("email"));
				return Optional.of(new Credentials(user, row.getString("password_hash")));
			}
		}
	}

	private record Credentials(User user, String passwordHash) {
	}
}
