package io.github.dbundertest.internal.template;

import java.lang.System.Logger.Level;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import io.github.dbundertest.internal.reset.ResetStrategy;

/**
 * The database of one test class invocation: a copy of a migrated template that lives until the invocation ends.
 * {@link #reset()} puts it back into the template's state; closing it closes every connection it handed out and
 * deletes it.
 */
public final class ClassDatabase implements DatabaseInfo, AutoCloseable {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** Rebuilds the database from its template when the fast reset cannot be trusted. */
	interface Rebuild {
		void run() throws Exception;
	}

	/** Deletes the database. */
	interface Removal {
		void run() throws Exception;
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
	private final Timings timings;

	ClassDatabase(Backend backend, String name, String jdbcUrl, String username, String password,
			TrackingDataSource dataSource, ResetStrategy resetStrategy, Rebuild rebuild, Removal removal,
			Timings timings) {
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
		long started = System.nanoTime();
		try {
			resetStrategy.reset();
			timings.recordReset(System.nanoTime() - started);
			return;
		}
		catch (SQLException | RuntimeException e) {
			LOG.log(Level.WARNING, () -> "[" + backend.displayName() + "] fast reset (" + resetStrategy.name()
					+ ") of " + name + " failed, rebuilding it from the template: " + e.getMessage());
		}
		resetStrategy.close();
		dataSource.closeAll();
		try {
			rebuild.run();
		}
		catch (Exception e) {
			throw new IllegalStateException("[" + backend.displayName() + "] could not rebuild database " + name
					+ " from its template: " + e.getMessage(), e);
		}
		timings.recordRebuild(System.nanoTime() - started);
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

	@Override
	public void close() {
		resetStrategy.close();
		dataSource.closeAll();
		long started = System.nanoTime();
		try {
			removal.run();
			timings.recordRemoval(System.nanoTime() - started);
		}
		catch (Exception e) {
			throw new IllegalStateException("[" + backend.displayName() + "] could not delete database " + name
					+ ": " + e.getMessage(), e);
		}
	}

	@Override
	public String toString() {
		return "[" + backend.displayName() + "] " + jdbcUrl;
	}
}
