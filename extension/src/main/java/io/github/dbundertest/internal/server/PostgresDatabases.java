package io.github.dbundertest.internal.server;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and drops the databases of one engine run on one server, and remembers which ones it created: it
 * drops only those, and all of them when it is closed.
 *
 * <p>Database DDL goes through one administration connection, one statement at a time: PostgreSQL refuses to
 * clone a template that another session is connected to, and serialising the few DDL statements costs little.
 */
public final class PostgresDatabases implements AutoCloseable {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** Every database the extension creates starts with this prefix. */
	public static final String PREFIX = "dbundertest_";
	/** Between a cached template's name and the random part of the name of a copy of it kept for later runs. */
	private static final String KEPT = "_kept_";
	/** At most this many class databases are kept between runs on a server: as many as a run used at once, within reason. */
	private static final int MAXIMUM_KEPT_COPIES = 8;
	/** A kept copy serves at most this many runs, then is dropped and copied from its template anew. */
	private static final int MAXIMUM_RUNS_PER_KEPT_COPY = 10;

	private final PostgresServer server;
	private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	private final AtomicInteger counter = new AtomicInteger();
	private final Set<String> created = new LinkedHashSet<>();
	/** Templates kept between runs: cloned from, never dropped. */
	private final Set<String> cached = new LinkedHashSet<>();
	private Connection administration;
	private int serverMajorVersion;

	public PostgresDatabases(PostgresServer server) {
		this.server = server;
	}

	public PostgresServer server() {
		return server;
	}

	/** The connections the server accepts beyond those open now, less the ones reserved for superusers. */
	public synchronized int freeConnections() throws SQLException {
		try (Statement statement = connection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_setting('max_connections')::int"
						+ " - current_setting('superuser_reserved_connections')::int"
						+ " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** Creates an empty database and returns its name. */
	public synchronized String createEmpty(String kind) throws SQLException {
		String name = newName(kind);
		execute("CREATE DATABASE " + name);
		markAsOurs(name);
		return name;
	}

	/** Creates a database as a copy of {@code template} (a database this run created) and returns its name. */
	public synchronized String cloneOf(String template, String kind) throws SQLException {
		String name = newName(kind);
		copy(template, name);
		markAsOurs(name);
		return name;
	}

	/**
	 * Takes a copy of {@code template}, a cached template, that an earlier run kept in its state, renamed to a name of
	 * this run as {@link #cloneOf} would create; empty if none is free. A rename writes no file where a copy writes
	 * them all. It is atomic: of two runs that want the same copy, one gets it and the other tries the next. Only
	 * copies whose comment names this very template (its oid) are taken: one of an earlier template of the same
	 * name, since dropped, may hold other rows.
	 */
	public synchronized Optional<KeptCopy> claimKeptCopy(String template) throws SQLException {
		requireOwn(template);
		for (KeptCopy kept : keptCopies(template, true)) {
			String name = newName("test");
			try {
				renameWithComment(kept.name(), name, Ownership.current().comment());
			}
			catch (SQLException e) {
				if (isConnectionFailure(e)) {
					throw e;
				}
				// another run claimed it first, a session connected to it meanwhile, or another role owns it: the next
				continue;
			}
			created.add(name);
			return Optional.of(new KeptCopy(name, kept.runs()));
		}
		return Optional.empty();
	}

	/**
	 * A database kept between runs, in the state of its template.
	 *
	 * @param runs how many runs have used it
	 */
	public record KeptCopy(String name, int runs) {
	}

	/**
	 * Keeps {@code name}, a database of this run in the state of {@code template}, a cached template, for a later run
	 * to {@linkplain #claimKeptCopy claim} instead of copying the template again; else drops it. It is dropped when
	 * a session of the code under test is still connected to it, when a test changed what a reset does not put back
	 * (the database's own settings, owner, privileges or connection limit), after {@value #MAXIMUM_RUNS_PER_KEPT_COPY}
	 * runs (restores leave dead rows behind, and the embedded server does not vacuum), and when the server holds
	 * {@value #MAXIMUM_KEPT_COPIES} kept copies, of any template, that cannot make room. Kept copies of other
	 * templates make room, oldest first: most are of templates that migrations since have replaced.
	 *
	 * @param runs how many runs have used it, this one included
	 */
	public synchronized void keepForLaterRuns(String name, String template, int runs) throws SQLException {
		requireOwn(name);
		requireOwn(template);
		if (!awaitSessionsEnded(name) || runs >= MAXIMUM_RUNS_PER_KEPT_COPY || !sameDatabaseSettings(name, template)
				|| !roomForOneMore(template)) {
			drop(name);
			return;
		}
		String kept = template + KEPT + runs + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		renameWithComment(name, kept, "copy of " + template + " (oid " + oidOf(template) + ") in its state, kept by"
				+ " dbundertest at " + java.time.Instant.now() + " for a later run to use instead of copying the"
				+ " template; safe to drop");
		created.remove(name);
	}

	/** Whether one more copy of {@code template} may be kept, after dropping the oldest of other templates if need be. */
	private boolean roomForOneMore(String template) throws SQLException {
		List<KeptCopy> all = keptCopies(null, false);
		List<KeptCopy> ofOthers = all.stream().filter(copy -> !copy.name().startsWith(template + KEPT)).toList();
		int kept = all.size();
		for (int i = 0; kept >= MAXIMUM_KEPT_COPIES && i < ofOthers.size(); i++) {
			if (dropKeptCopyQuietly(ofOthers.get(i).name())) {
				kept--;
			}
		}
		return kept < MAXIMUM_KEPT_COPIES;
	}

	/**
	 * Kept copies, oldest first, of {@code template} or of any template (null); with {@code claimable}, only those
	 * no session is connected to whose comment names the template's oid.
	 */
	private List<KeptCopy> keptCopies(String template, boolean claimable) throws SQLException {
		String prefix = template == null ? PREFIX + "cache_" : template + KEPT;
		String sql = "SELECT d.datname FROM pg_database d WHERE d.datname LIKE ? AND d.datname LIKE '%\\_kept\\_%'"
				+ (claimable ? " AND shobj_description(d.oid, 'pg_database') LIKE ?"
						+ " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)" : "")
				+ " ORDER BY d.oid";
		List<KeptCopy> kept = new ArrayList<>();
		try (PreparedStatement statement = connection().prepareStatement(sql)) {
			statement.setString(1, prefix.replace("_", "\\_") + "%");
			if (claimable) {
				statement.setString(2, "copy of " + template + " (oid " + oidOf(template) + ")%");
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String name = rows.getString(1);
					kept.add(new KeptCopy(name, runsOf(name)));
				}
			}
		}
		catch (SQLException e) {
			throw failure(e);
		}
		return kept;
	}

	/** The runs a kept copy has served, from its name ({@code <template>_kept_<runs>_<random>}). */
	private static int runsOf(String keptName) {
		String[] parts = keptName.substring(keptName.lastIndexOf(KEPT) + KEPT.length()).split("_");
		try {
			return parts.length == 2 ? Integer.parseInt(parts[0]) : MAXIMUM_RUNS_PER_KEPT_COPY;
		}
		catch (NumberFormatException e) {
			return MAXIMUM_RUNS_PER_KEPT_COPY;
		}
	}

	/**
	 * Whether what a reset does not put back is as the template has it: the database's own settings
	 * ({@code ALTER DATABASE … SET}), owner, privileges, connection limit and whether it takes connections.
	 */
	private boolean sameDatabaseSettings(String name, String template) throws SQLException {
		String sql = "SELECT (SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
				+ " WHERE d.datname = ?) = 0 AND (SELECT ROW(datdba, datacl::text, datconnlimit, datallowconn, datistemplate)"
				+ " FROM pg_database WHERE datname = ?) IS NOT DISTINCT FROM (SELECT ROW(datdba, datacl::text,"
				+ " datconnlimit, datallowconn, datistemplate) FROM pg_database WHERE datname = ?)";
		return Boolean.TRUE.equals(firstValue(Boolean.class, sql, name, name, template));
	}

	private long oidOf(String database) throws SQLException {
		Long oid = firstValue(Long.class, "SELECT oid FROM pg_database WHERE datname = ?", database);
		return oid == null ? -1 : oid;
	}

	/** The first column of the first row {@code sql} returns with {@code parameters} for its {@code ?}; null if none. */
	private <T> T firstValue(Class<T> type, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection().prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getObject(1, type) : null;
			}
		}
		catch (SQLException e) {
			throw failure(e);
		}
	}

	/**
	 * Drops a kept copy, if nothing stands in the way: cleaning up after other runs is never worth a failure.
	 *
	 * @return whether it is gone
	 */
	private boolean dropKeptCopyQuietly(String kept) throws SQLException {
		try {
			execute("DROP DATABASE IF EXISTS " + kept);
			return true;
		}
		catch (SQLException e) {
			if (isConnectionFailure(e)) {
				throw e;
			}
			LOG.log(Level.DEBUG, () -> "Left kept database " + kept + ": " + e.getMessage());
			return false;
		}
	}

	/**
	 * Renames a database and sets its comment in one transaction, so that no run sees the new name with the old
	 * comment. PostgreSQL's rename waits up to five seconds for other sessions to leave the database; a second is
	 * allowed here.
	 */
	private void renameWithComment(String from, String to, String comment) throws SQLException {
		Connection connection = connection();
		connection.setAutoCommit(false);
		try {
			execute("SET LOCAL statement_timeout = '1s'");
			execute("ALTER DATABASE " + from + " RENAME TO " + to);
			execute("COMMENT ON DATABASE " + to + " IS '" + comment + "'");
			connection.commit();
		}
		catch (SQLException | RuntimeException e) {
			try {
				if (!connection.isClosed()) {
					connection.rollback();
				}
			}
			catch (SQLException rollbackFailed) {
				e.addSuppressed(rollbackFailed);
			}
			throw e;
		}
		finally {
			if (!connection.isClosed()) {
				connection.setAutoCommit(true);
			}
		}
	}

	/** Whether a database of that name exists on the server. */
	public synchronized boolean exists(String name) throws SQLException {
		try (Statement statement = connection().createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
			return rows.next();
		}
	}

	/** Uses a template cached by an earlier run: this run may copy it, and leaves it in place. */
	public synchronized void adoptCached(String name) {
		cached.add(name);
	}

	/**
	 * Keeps a template this run built for later runs, under its cache name. If another run published the same
	 * template meanwhile, that one is used and this one dropped.
	 */
	public synchronized void publish(String built, String cacheName) throws SQLException {
		requireOwn(built);
		awaitSessionsEnded(built);
		try {
			execute("ALTER DATABASE " + built + " RENAME TO " + cacheName);
		}
		catch (SQLException e) {
			// duplicate_database; or, when another session renames a database to the same name at the same moment,
			// the catalog's own unique index (unique_violation)
			if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
				throw e;
			}
			drop(built);
			cached.add(cacheName);
			return;
		}
		created.remove(built);
		cached.add(cacheName);
		execute("COMMENT ON DATABASE " + cacheName + " IS 'template cached by dbundertest at " + java.time.Instant.now()
				+ "; kept between runs, safe to drop'");
		// copies kept of a template of this name that someone dropped since: they name the old one's oid and are never
		// claimed, only in the way
		for (KeptCopy orphan : keptCopies(cacheName, false)) {
			dropKeptCopyQuietly(orphan.name());
		}
	}

	/** Drops {@code name} and creates it again as a copy of {@code template}, for a full reset. */
	public synchronized void recreate(String name, String template) throws SQLException {
		requireOwn(name);
		awaitSessionsEnded(name);
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		copy(template, name);
		execute("COMMENT ON DATABASE " + name + " IS '" + Ownership.current().comment() + "'");
	}

	/** Drops a database this run created; connections still open to it are terminated. */
	public synchronized void drop(String name) throws SQLException {
		if (!created.contains(name)) {
			throw new IllegalStateException("dbundertest refuses to drop database '" + name
					+ "': this run did not create it");
		}
		awaitSessionsEnded(name);
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		created.remove(name);
	}

	/**
	 * Waits, a millisecond at a time and 100 ms at most, until no session is connected to {@code name}. DROP, RENAME
	 * and copying a template wait for them themselves, in steps of 100 ms; the sessions of connections closed just
	 * before take a few milliseconds to end, so that without this every drop after a class would wait 100 ms.
	 * Sessions that outlast the wait (connections the code under test left open) are ended by the drop's FORCE.
	 *
	 * @return whether no session is connected now; false too if the server could not be asked
	 */
	private boolean awaitSessionsEnded(String name) {
		long deadline = System.nanoTime() + 100_000_000L;
		try (PreparedStatement sessions = connection()
			.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
			sessions.setString(1, name);
			while (true) {
				try (ResultSet rows = sessions.executeQuery()) {
					rows.next();
					if (rows.getLong(1) == 0) {
						return true;
					}
					if (System.nanoTime() > deadline) {
						return false;
					}
				}
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		catch (SQLException e) {
			return false; // the drop that follows says what is wrong with the server
		}
	}

	private void copy(String template, String name) throws SQLException {
		requireOwn(template);
		awaitSessionsEnded(template); // a template must have no session, and its builder's have just been closed
		connection();
		// FILE_COPY copies the few megabytes of a test database faster than WAL-logging every page (15+)
		String strategy = serverMajorVersion >= 15 ? " STRATEGY FILE_COPY" : "";
		execute("CREATE DATABASE " + name + " TEMPLATE " + template + strategy);
	}

	/**
	 * Records the database as this run's, here and on the server: the comment names this process and host, so that
	 * a later run can prove the database is debris of a run that died, and remove it.
	 */
	private void markAsOurs(String name) throws SQLException {
		created.add(name);
		execute("COMMENT ON DATABASE " + name + " IS '" + Ownership.current().comment() + "'");
	}

	/**
	 * Drops the databases that runs which died without cleaning up (killed, crashed) left on this server: only
	 * those whose comment names this host and a process that no longer exists. Nothing else is touched.
	 */
	private void removeDebris(Connection connection) throws SQLException {
		List<String> debris = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT datname, shobj_description(oid, 'pg_database') "
						+ "FROM pg_database WHERE datname LIKE 'dbundertest\\_%'")) {
			while (rows.next()) {
				String name = rows.getString(1);
				Ownership.parse(rows.getString(2))
					.filter(Ownership::isOfDeadProcessOnThisHost)
					.ifPresent(owner -> debris.add(name));
			}
		}
		for (String name : debris) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				LOG.log(Level.INFO, () -> "Dropped database " + name + " on " + server.description()
						+ ", left by a run that ended without cleaning up");
			}
			catch (SQLException e) {
				LOG.log(Level.WARNING, () -> "Could not drop database " + name + ", left by a dead run: " + e.getMessage());
			}
		}
	}

	private void requireOwn(String name) {
		if (!created.contains(name) && !cached.contains(name)) {
			throw new IllegalStateException("dbundertest refuses to touch database '" + name
					+ "': this run did not create it");
		}
	}

	private String newName(String kind) {
		return PREFIX + kind + "_" + runId + "_" + counter.incrementAndGet();
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = connection().createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException e) {
			throw failure(e);
		}
	}

	/** The exception to throw for {@code e}: one that says the server does not answer, where that is the cause. */
	private SQLException failure(SQLException e) throws SQLException {
		if (isConnectionFailure(e) && administration != null && !e.getMessage().startsWith("The PostgreSQL server ")) {
			administration.close(); // reconnect next time, should the server come back
			return new SQLException("The PostgreSQL server " + server.description() + " does not answer: "
					+ e.getMessage(), e.getSQLState(), e);
		}
		return e;
	}

	private Connection connection() throws SQLException {
		if (administration == null || administration.isClosed()) {
			try {
				administration = server.connect(server.maintenanceDatabase());
			}
			catch (SQLException e) {
				throw new SQLException("The PostgreSQL server " + server.description() + " does not answer: "
						+ e.getMessage(), e.getSQLState(), e);
			}
			administration.setAutoCommit(true);
			serverMajorVersion = administration.getMetaData().getDatabaseMajorVersion();
			removeDebris(administration);
		}
		return administration;
	}

	/**
	 * SQLSTATE class 08 (the connection is gone or could not be made) or 57P01–57P03: the server ended the session
	 * because it is shutting down or its postmaster died ("terminating connection due to unexpected postmaster
	 * exit"), which a container killed mid-statement reports before its port stops answering.
	 */
	private static boolean isConnectionFailure(SQLException e) {
		String state = e.getSQLState();
		return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
				|| state.equals("57P03"));
	}

	/**
	 * Drops a database; if the connection failed, once more on a new one: the one that failed may have been ended
	 * while the server still answers (a restart, {@code idle_session_timeout}).
	 */
	private void dropReconnectingOnce(String name) throws SQLException {
		try {
			drop(name);
		}
		catch (SQLException e) {
			if (!isConnectionFailure(e)) {
				throw e;
			}
			drop(name); // failure() closed the connection that failed; this opens a new one
		}
	}

	/**
	 * Drops what this run created and is still there. On a server that stopped answering it tries no further and
	 * says so once: each database would fail the same way, after its own connection attempt.
	 */
	@Override
	public synchronized void close() {
		List<String> leftovers = new ArrayList<>(created);
		List<String> notDropped = new ArrayList<>();
		SQLException serverGone = null;
		for (int i = leftovers.size() - 1; i >= 0; i--) {
			String name = leftovers.get(i);
			if (serverGone != null) {
				notDropped.add(name);
				continue;
			}
			try {
				dropReconnectingOnce(name);
			}
			catch (SQLException e) {
				if (isConnectionFailure(e)) {
					serverGone = e;
					notDropped.add(name);
				}
				else {
					LOG.log(Level.WARNING, "Could not drop database " + name + " on " + server.description() + ": "
							+ e.getMessage());
				}
			}
			catch (RuntimeException e) {
				LOG.log(Level.WARNING, "Could not drop database " + name + " on " + server.description(), e);
			}
		}
		if (serverGone != null) {
			LOG.log(Level.WARNING, "Could not drop database" + (notDropped.size() == 1 ? " " : "s ")
					+ String.join(", ", notDropped) + ": " + serverGone.getMessage().replaceFirst("\\.?$", ".")
					+ " Should the server answer again, the next run on this host drops them.");
		}
		if (administration != null) {
			try {
				administration.close();
			}
			catch (SQLException e) {
				LOG.log(Level.DEBUG, "Could not close the administration connection", e);
			}
		}
	}
}
