package io.github.dbundertest;

import javax.sql.DataSource;

/**
 * Where the database of the current test class invocation lives. Inject it as a parameter of a test method,
 * constructor or lifecycle method.
 *
 * <p>The URL and credentials are real: code under test may open its own connections or connection pools with
 * them. The database exists until the class invocation ends.
 */
public interface DatabaseInfo {

	/** The backend of this invocation. */
	Backend backend();

	/** A JDBC URL of this invocation's database, e.g. {@code jdbc:sqlite:/…/target/…/db-1.sqlite}. */
	String jdbcUrl();

	/** The user name to connect with, or {@code null} where the backend has none (SQLite). */
	String username();

	/** The password to connect with, or {@code null} where the backend has none (SQLite). */
	String password();

	/** A {@link DataSource} of this invocation's database; each {@code getConnection()} opens a new connection. */
	DataSource dataSource();
}
