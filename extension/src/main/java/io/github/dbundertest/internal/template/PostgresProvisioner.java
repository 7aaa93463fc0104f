package io.github.dbundertest.internal.template;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.config.CacheMode;
import io.github.dbundertest.internal.reset.ChangeTracking;
import io.github.dbundertest.internal.reset.PostgresRestore;
import io.github.dbundertest.internal.reset.PostgresSnapshot;
import io.github.dbundertest.internal.server.Durations;
import io.github.dbundertest.internal.server.PostgresDatabases;
import io.github.dbundertest.internal.server.PostgresServer;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL class databases: the template is a migrated database on the server; each class database is a
 * {@code CREATE DATABASE … TEMPLATE} copy of it, reset by replaying the template's rows and sequence positions
 * ({@link PostgresRestore}): for a superuser only those of the tables a test changed ({@link ChangeTracking}).
 */
public final class PostgresProvisioner extends DatabaseProvisioner<PostgresProvisioner.Template> {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/**
	 * What a reused connection runs before the next test gets it: {@code DISCARD ALL} without its {@code DISCARD
	 * PLANS}. The session is as new (settings, search path, role, cursors, prepared statements, listeners, advisory
	 * locks, temporary tables, sequence caches), but the plans of the schema's foreign-key checks and triggers stay
	 * warm for the next test; the plan cache re-plans on its own when the search path, the role or the schema
	 * changes. pgjdbc sees the {@code DEALLOCATE ALL} and forgets its server-side statements.
	 */
	static final String SESSION_RESET = "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL;"
			+ " UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES";

	/**
	 * Runs {@link #SESSION_RESET}, after ending a transaction that a test began in SQL ({@code BEGIN}) with
	 * auto-commit on: JDBC does not know that one is open, pgjdbc does, without asking the server.
	 */
	static void resetSession(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
				statement.execute("ROLLBACK");
			}
			statement.execute(SESSION_RESET);
		}
	}

	private final PostgresDatabases databases;
	private final ClassLoader classLoader;
	private final boolean cacheTemplates;

	/** @param server starts or finds the server; timed here, as part of what the extension adds to the run */
	public PostgresProvisioner(Supplier<PostgresServer> server, ClassLoader classLoader, CacheMode cache) {
		long started = timings().begin();
		PostgresServer running;
		try {
			running = server.get();
		}
		catch (RuntimeException e) {
			timings().recordFailure(started);
			throw e;
		}
		timings().recordServer(running.description(), started);
		this.databases = new PostgresDatabases(running);
		this.classLoader = classLoader;
		// on a server others use, or one that forgets everything anyway, only when asked for
		this.cacheTemplates = cache == CacheMode.ON || (cache == CacheMode.AUTO && running.keepsDataBetweenRuns());
	}

	/** A migrated template database and the snapshot that resets its copies. */
	record Template(String name, PostgresSnapshot snapshot) {
	}

	/**
	 * A class in progress holds its reset connection, the connections its tests open and perhaps a pool of the
	 * code under test: budget four per class within the connections the server has left.
	 */
	@Override
	protected int maximumDatabasesInUse() {
		try {
			return Math.max(2, Math.min(64, databases.freeConnections() / 4));
		}
		catch (SQLException e) {
			return 8;
		}
	}

	@Override
	public String description() {
		return databases.server().description();
	}

	/**
	 * A copy that an earlier run kept, where templates are cached: its first reset undoes whatever was done to it
	 * since (its triggers recorded it), or, if its schema changed or that record may be incomplete, copies the
	 * template again. Else a new copy.
	 */
	@Override
	protected ClassDatabase copy(Template template) throws SQLException {
		Optional<PostgresDatabases.KeptCopy> kept = cacheTemplates ? databases.claimKeptCopy(template.name())
				: Optional.empty();
		String name = kept.isPresent() ? kept.get().name() : databases.cloneOf(template.name(), "test");
		PGSimpleDataSource dataSource = dataSource(name);
		PostgresRestore restore = new PostgresRestore(template.snapshot(), () -> open(dataSource, name));
		int earlierRuns = 0;
		if (kept.isPresent()) {
			try {
				restore.resetKeptDatabase();
				timings().recordKeptDatabase();
				earlierRuns = kept.get().runs();
			}
			catch (SQLException | RuntimeException e) {
				restore.close();
				LOG.log(Level.INFO, () -> "[postgres] the copy of " + template.name() + " kept by an earlier run cannot"
						+ " be restored (" + e.getMessage() + "); copying the template again");
				databases.recreate(name, template.name());
			}
		}
		int runs = earlierRuns + 1;
		PostgresServer server = databases.server();
		return new ClassDatabase(Backend.POSTGRES, name, server.jdbcUrl(name), server.username(), server.password(),
				new TrackingDataSource(dataSource, PostgresProvisioner::resetSession), restore,
				() -> databases.recreate(name, template.name()), () -> databases.drop(name),
				cacheTemplates ? () -> databases.keepForLaterRuns(name, template.name(), runs) : null, timings(),
				ClassDatabase.ParityCheck.NONE);
	}

	@Override
	protected Template buildTemplate(MigrationPlan plan) {
		long started = System.nanoTime();
		try {
			String cacheName = cacheTemplates ? "dbundertest_cache_" + TemplateKey.of(plan, classLoader) : null;
			if (cacheName != null && databases.exists(cacheName)) {
				databases.adoptCached(cacheName);
				timings().recordCacheHit();
				Template cached = new Template(cacheName, snapshotOf(cacheName));
				LOG.log(Level.INFO, () -> "[postgres] template " + plan.locations() + " taken from the cache ("
						+ cacheName + ") in " + Durations.since(started));
				return cached;
			}
			String name = databases.createEmpty("template");
			Migrator.migrate(plan, dataSource(name), classLoader);
			try (Connection connection = dataSource(name).getConnection()) {
				ChangeTracking.install(connection);
			}
			LOG.log(Level.INFO, () -> "[postgres] template " + plan.locations() + " migrated in "
					+ Durations.since(started));
			if (cacheName != null) {
				databases.publish(name, cacheName);
				name = cacheName;
			}
			return new Template(name, snapshotOf(name));
		}
		catch (SQLException e) {
			throw new IllegalStateException("[postgres] could not build the template database on "
					+ databases.server().description() + ": " + e.getMessage(), e);
		}
	}

	private PostgresSnapshot snapshotOf(String template) throws SQLException {
		try (Connection connection = dataSource(template).getConnection()) {
			return PostgresSnapshot.capture(connection);
		}
	}

	private PGSimpleDataSource dataSource(String database) {
		PostgresServer server = databases.server();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(server.jdbcUrl(database));
		if (server.username() != null) {
			dataSource.setUser(server.username());
		}
		if (server.password() != null) {
			dataSource.setPassword(server.password());
		}
		return dataSource;
	}

	private static Connection open(PGSimpleDataSource dataSource, String name) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot connect to database " + name + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		retireIdleDatabases();
		databases.close();
		report("postgres");
	}
}
