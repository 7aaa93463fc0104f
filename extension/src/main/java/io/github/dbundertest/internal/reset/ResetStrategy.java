package io.github.dbundertest.internal.reset;

import java.sql.SQLException;

/**
 * Puts one class invocation's database back into the state of its template (migrated and seeded), whatever the
 * previous test committed. Implementations must leave the database exactly equal to the template in rows and
 * sequences, or fail: a failed reset is followed by a full rebuild, never by a test on a wrong state.
 */
public interface ResetStrategy extends AutoCloseable {

	/** Restores the template's state. */
	void reset() throws SQLException;

	/**
	 * Called on a database in the template's state before it is kept for a later run, whose first reset may check
	 * what this records. Nothing by default.
	 */
	default void prepareForLaterRun() throws SQLException {
	}

	/** A short name for summaries and log lines, e.g. {@code sqlite-restore}. */
	String name();

	/** Releases what the strategy holds open (its maintenance connection). */
	@Override
	void close();
}
