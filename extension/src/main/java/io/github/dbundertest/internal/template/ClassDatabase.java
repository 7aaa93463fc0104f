package io.github.dbundertest.internal.template;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import io.github.dbundertest.internal.reset.ResetStrategy;

/**
 * The database of one test class invocation: a copy of a migrated template. {@link #reset()} puts it back into the
 * template's state. When the invocation ends its provisioner resets it and keeps it for the next class with the
 * same migrations, or deletes it.
 */
public final class ClassDatabase implements DatabaseInfo {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** Rebuilds the database from its template when the fast reset cannot be trusted. */
	interface Rebuild {
		void run() throws Exception;
	}

	/** Deletes the database, or keeps it for a later run. */
	interface Removal {
		void run() throws Exception;
	}

	/** Finds what a test left that PostgreSQL would have refused (SQLite in parity mode). */
	interface ParityCheck extends AutoCloseable {

		/** For a backend or a run without the check. */
		ParityCheck NONE = new ParityCheck() {

			@Override
			public List<String> violations() {
				return List.of();
			}

			@Override
			public OptionalLong changeCounter() {
				return OptionalLong.empty();
			}

			@Override
			public void close() {
			}
		};

		/** One line per value, those the template itself holds left out; empty if nothing. */
		List<String> violations() throws SQLException;

		/**
		 * A number that changes whenever a transaction writes to the database (SQLite's file change counter); empty
		 * where it cannot be trusted.
		 */
		OptionalLong changeCounter();

		@Override
		void close();
	}

	private final Backend backend;
	private final String name;
	private final String jdbcUrl;
	private final String username;
	private final String password;
	private final TrackingDataSource dataSource;
	private final ResetStrategy resetStrategy;
	private final Rebuild rebuild;
	private final Removal removal;
	/** At the end of the run, in the template's state; null where databases are not kept for later runs. */
	private final Removal keepForLaterRuns;
	private final Timings timings;
	private final ParityCheck parityCheck;

	ClassDatabase(Backend backend, String name, String jdbcUrl, String username, String password,
			TrackingDataSource dataSource, ResetStrategy resetStrategy, Rebuild rebuild, Removal removal,
			Timings timings) {
		this(backend, name, jdbcUrl, username, password, dataSource, resetStrategy, rebuild, removal, null, timings,
				ParityCheck.NONE);
	}

	ClassDatabase(Backend backend, String name, String jdbcUrl, String username, String password,
			TrackingDataSource dataSource, ResetStrategy resetStrategy, Rebuild rebuild, Removal removal,
			Removal keepForLaterRuns, Timings timings, ParityCheck parityCheck) {
		this.parityCheck = parityCheck;
		this.keepForLaterRuns = keepForLaterRuns;
		this.backend = backend;
		this.name = name;
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
		this.dataSource = dataSource;
		this.resetStrategy = resetStrategy;
		this.rebuild = rebuild;
		this.removal = removal;
		this.timings = timings;
	}

	/**
	 * Puts the database back into its migrated-and-seeded state. If the fast strategy fails (a test left a lock,
	 * dropped a table, …) the database is rebuilt from the template, which also ends every connection to it.
	 */
	public void reset() {
		long started = timings.begin();
		try {
			resetStrategy.reset();
			timings.recordReset(started);
			return;
		}
		catch (SQLException | RuntimeException e) {
			LOG.log(Level.WARNING, () -> "[" + backend.displayName() + "] fast reset (" + resetStrategy.name()
					+ ") of " + name + " failed, rebuilding it from the template: " + e.getMessage());
		}
		resetStrategy.close();
		parityCheck.close();
		dataSource.closeAll();
		try {
			rebuild.run();
		}
		catch (Exception e) {
			timings.recordFailure(started);
			throw new IllegalStateException("[" + backend.displayName() + "] could not rebuild database " + name
					+ " from its template: " + e.getMessage(), e);
		}
		timings.recordRebuild(started);
	}

	/**
	 * What the last test left that PostgreSQL would have refused or changed, one line per value, leaving out what
	 * the template itself holds; always empty but on SQLite in parity mode.
	 */
	public List<String> parityViolations() throws SQLException {
		return parityCheck.violations();
	}

	/**
	 * A number that changes whenever a transaction writes to the database, where parity is checked: a test after
	 * which it is unchanged wrote nothing to check. Empty elsewhere, and where it cannot be trusted.
	 */
	public OptionalLong changeCounter() {
		return parityCheck.changeCounter();
	}

	/** Whether tests are checked for values PostgreSQL would refuse: on SQLite in parity mode. */
	public boolean checksParity() {
		return parityCheck != ParityCheck.NONE;
	}

	/** The database's name (PostgreSQL) or file name (SQLite), for messages. */
	public String name() {
		return name;
	}

	@Override
	public Backend backend() {
		return backend;
	}

	@Override
	public String jdbcUrl() {
		return jdbcUrl;
	}

	@Override
	public String username() {
		return username;
	}

	@Override
	public String password() {
		return password;
	}

	@Override
	public DataSource dataSource() {
		return dataSource;
	}

	/**
	 * Cancels what still runs on the connections it handed out, as after a test that timed out while its thread
	 * ran a statement.
	 */
	public void cancelRunningStatements() {
		dataSource.cancelRunningStatements();
	}

	/**
	 * Closes every connection it handed out: a class that reuses the database starts with none of them open, only
	 * with the session of one it gave back, reset as between two tests.
	 */
	void closeConnections() {
		dataSource.closeAllButOneIdle();
	}

	/** Closes the session kept for the next class, while the database waits for one. */
	void closeIdleSessions() {
		dataSource.closeIdle();
	}

	/** Closes its connections and deletes the database. */
	void destroy() {
		closeAll();
		remove();
	}

	/**
	 * Closes its connections and, at the end of the run and in the template's state, keeps the database for a later
	 * run where its provisioner can; else, or if keeping it fails, deletes it.
	 */
	void retire() {
		if (keepForLaterRuns != null) {
			long started = timings.begin();
			try {
				resetStrategy.prepareForLaterRun();
				closeAll();
				keepForLaterRuns.run();
				timings.recordRemoval(started);
				return;
			}
			catch (Exception e) {
				timings.recordFailure(started);
				LOG.log(Level.WARNING, () -> "[" + backend.displayName() + "] could not keep database " + name
						+ " for the next run, deleting it: " + e.getMessage());
			}
		}
		closeAll();
		remove();
	}

	private void closeAll() {
		resetStrategy.close();
		parityCheck.close();
		dataSource.closeAll();
	}

	private void remove() {
		long started = timings.begin();
		try {
			removal.run();
			timings.recordRemoval(started);
		}
		catch (Exception e) {
			timings.recordFailure(started);
			throw new IllegalStateException("[" + backend.displayName() + "] could not delete database " + name
					+ ": " + e.getMessage(), e);
		}
	}

	@Override
	public String toString() {
		return "[" + backend.displayName() + "] " + jdbcUrl;
	}
}
