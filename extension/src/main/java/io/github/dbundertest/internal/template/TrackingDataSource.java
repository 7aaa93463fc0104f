package io.github.dbundertest.internal.template;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.github.dbundertest.internal.RunningStatements;

/**
 * The {@link DataSource} handed to tests. Connections a test forgot to close are closed when its class invocation
 * ends, so that none outlives the database or eats into PostgreSQL's connection limit.
 *
 * <p>With a {@code sessionReset} (on PostgreSQL, {@code DISCARD ALL} but for its plans) a closed connection goes
 * back to the invocation's next {@code getConnection()} instead of to the server: a new PostgreSQL session costs a
 * process, an authentication and cold caches, several milliseconds a test. Before it is handed out again its
 * transaction is rolled back, its JDBC settings are put back, and the session reset clears what the test set in it
 * (settings, search path, role, temporary tables, prepared statements, advisory locks, listeners); a connection
 * that fails any of that, that a thread other than the one giving it back used, or that does not answer when taken
 * after more than half a second idle, is closed instead.
 * Without a session reset (SQLite) every {@code getConnection()} opens a new connection and hands out the
 * driver's own: SQLite has no statement that resets a session's pragmas, and sqlite-jdbc's API for functions and
 * collations ({@code Function.create}) takes only its own connection class, never a wrapper that could take the
 * connection back.
 */
final class TrackingDataSource implements DataSource {

	/** Enough for a test's own connection and a pool of the code under test; more are closed when given back. */
	private static final int MAXIMUM_IDLE = 4;

	/**
	 * A connection given back this recently answered its session reset a moment ago: taken again, it is not asked
	 * once more whether it answers (as HikariCP skips its check within half a second of a connection's last use).
	 */
	private static final long TRUSTED_AFTER_RESET_NANOS = 500_000_000L;

	private final DataSource delegate;
	private final SessionReset sessionReset;
	private final List<Connection> handedOut = new ArrayList<>();
	private final Deque<Idle> idle = new ArrayDeque<>();
	private int defaultIsolation = -1;

	/** A connection reset and waiting to be handed out again. */
	private record Idle(Connection connection, long resetAtNanos) {
	}

	/** A data source that opens a new connection for every request. */
	TrackingDataSource(DataSource delegate) {
		this(delegate, null);
	}

	/** Returns a session to the state of a new one; if it throws, the connection is closed instead of kept. */
	interface SessionReset {
		void reset(Connection connection) throws SQLException;
	}

	/** @param sessionReset returns a session to the state of a new one, or null to open a connection per request */
	TrackingDataSource(DataSource delegate, SessionReset sessionReset) {
		this.delegate = delegate;
		this.sessionReset = sessionReset;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (sessionReset == null) {
			return track(delegate.getConnection());
		}
		Connection physical = takeIdle();
		if (physical == null) {
			physical = delegate.getConnection();
			synchronized (this) {
				if (defaultIsolation < 0) {
					defaultIsolation = physical.getTransactionIsolation();
				}
			}
		}
		track(physical);
		return lease(physical);
	}

	/** Other credentials: a connection of its own, never reused. */
	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return track(delegate.getConnection(username, password));
	}

	private synchronized Connection track(Connection connection) {
		handedOut.removeIf(TrackingDataSource::isClosed);
		handedOut.add(connection);
		return connection;
	}

	/** An idle connection that still answers, or null. */
	private Connection takeIdle() {
		while (true) {
			Idle taken;
			synchronized (this) {
				taken = idle.pollFirst();
			}
			if (taken == null) {
				return null;
			}
			Connection connection = taken.connection();
			try {
				if (System.nanoTime() - taken.resetAtNanos() < TRUSTED_AFTER_RESET_NANOS || connection.isValid(2)) {
					return connection;
				}
			}
			catch (SQLException e) {
				// closed below
			}
			closeQuietly(connection);
		}
	}

	/** What the test holds: closing it gives the connection back; anything else goes to the real one. */
	private Connection lease(Connection physical) {
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> type = physical.getClass(); type != null; type = type.getSuperclass()) {
			interfaces.addAll(List.of(type.getInterfaces())); // PGConnection too, so that casts keep working
		}
		InvocationHandler handler = new Lease(physical);
		return (Connection) Proxy.newProxyInstance(physical.getClass().getClassLoader(),
				interfaces.toArray(Class<?>[]::new), handler);
	}

	private final class Lease implements InvocationHandler {

		private final Connection physical;
		private volatile boolean closed;
		/** Set by {@code abort}: the connection must not be kept, even if its close is under way. */
		private volatile boolean aborted;
		/** Whether the test changed the isolation level through JDBC: only then is it asked for and put back. */
		private volatile boolean isolationChanged;
		/**
		 * The statements made through this lease, closed when it is given back, as closing a connection closes its
		 * statements: one the test kept, or one a thread of the test still runs, must not reach the session once it
		 * is the next test's (pgjdbc's close cancels a statement still running). Held weakly, as the driver holds
		 * them: a statement the test dropped unclosed is not kept alive here, and one still running is reachable
		 * from its thread.
		 */
		private final Set<Statement> statements = Collections.newSetFromMap(new WeakHashMap<>());
		/** The first thread that used the lease, and whether another one did too: see {@link #mayStillBeInUse}. */
		private volatile Thread user;
		private volatile boolean severalUsers;

		Lease(Connection physical) {
			this.physical = physical;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
			noteUser(method);
			switch (method.getName()) {
				case "close" -> {
					if (!closed) {
						closed = true;
						giveBack(this);
					}
					return null;
				}
				case "isClosed" -> {
					return closed || physical.isClosed();
				}
				case "isValid" -> {
					return !closed && physical.isValid((Integer) arguments[0]);
				}
				case "abort" -> {
					closed = true;
					aborted = true;
					forget(physical);
					synchronized (TrackingDataSource.this) {
						idle.removeIf(waiting -> waiting.connection() == physical);
					}
					physical.abort((Executor) arguments[0]);
					return null;
				}
				case "unwrap" -> {
					return ((Class<?>) arguments[0]).isInstance(proxy) ? proxy : physical.unwrap((Class<?>) arguments[0]);
				}
				case "isWrapperFor" -> {
					return ((Class<?>) arguments[0]).isInstance(proxy) || physical.isWrapperFor((Class<?>) arguments[0]);
				}
				case "equals" -> {
					return proxy == arguments[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return physical.toString();
				}
				default -> {
					if (closed && method.getDeclaringClass() == Connection.class) {
						throw new SQLException("This connection has been closed.", "08003");
					}
					if (method.getName().equals("setTransactionIsolation")) {
						isolationChanged = true;
					}
					Object result;
					try {
						result = method.invoke(physical, arguments);
					}
					catch (InvocationTargetException e) {
						throw e.getCause();
					}
					if (result instanceof Statement statement) {
						synchronized (this) {
							if (!closed) {
								statements.add(statement);
								return statement;
							}
						}
						// given back while the statement was being made: it must not run on the session
						statement.close();
						throw new SQLException("This connection has been closed.", "08003");
					}
					return result;
				}
			}
		}

		private void noteUser(Method method) {
			Thread current = Thread.currentThread();
			if (user != current && method.getDeclaringClass() != Object.class) {
				synchronized (this) {
					if (user == null) {
						user = current;
					}
					else if (user != current) {
						severalUsers = true;
					}
				}
			}
		}

		/**
		 * Whether a thread other than the one giving the connection back used it: that thread may be about to run a
		 * statement it made before the close (past the driver's check that the statement is open, waiting for the
		 * connection's lock), which would then run on the next test's session. Only closing the session stops it.
		 */
		boolean mayStillBeInUse() {
			return severalUsers || (user != null && user != Thread.currentThread());
		}

		private void closeStatements() {
			List<Statement> open;
			synchronized (this) {
				open = new ArrayList<>(statements);
				statements.clear();
			}
			for (Statement statement : open) {
				try {
					statement.close();
				}
				catch (SQLException e) {
					// closed or broken already: either way it runs nothing more
				}
			}
		}
	}

	/**
	 * Puts a connection a test closed back to the state of a new one and keeps it, or closes it. The isolation
	 * level is asked for only if the test set it through JDBC (the driver asks the server): one set in SQL is the
	 * session reset's to clear.
	 */
	private void giveBack(Lease lease) {
		Connection physical = lease.physical;
		forget(physical);
		lease.closeStatements();
		try {
			if (physical.isClosed()) {
				return;
			}
			if (lease.mayStillBeInUse()) {
				closeQuietly(physical);
				return;
			}
			if (!physical.getAutoCommit()) {
				physical.rollback();
				physical.setAutoCommit(true);
			}
			if (physical.isReadOnly()) {
				physical.setReadOnly(false);
			}
			if (lease.isolationChanged && physical.getTransactionIsolation() != defaultIsolation) {
				physical.setTransactionIsolation(defaultIsolation);
			}
			sessionReset.reset(physical);
			physical.clearWarnings();
			synchronized (this) {
				// aborted meanwhile (a close that took too long): not kept
				if (!lease.aborted && idle.size() < MAXIMUM_IDLE) {
					idle.addFirst(new Idle(physical, System.nanoTime()));
					return;
				}
			}
		}
		catch (SQLException | RuntimeException e) {
			// not worth keeping: closed below
		}
		closeQuietly(physical);
	}

	private synchronized void forget(Connection physical) {
		handedOut.remove(physical);
	}

	/**
	 * Cancels what still runs on the connections handed out: after a test that timed out, its thread may still be
	 * running a statement, whose locks would keep the reset and the next test waiting. On SQLite the transaction
	 * the test left open on such a connection is rolled back too, as the PostgreSQL reset ends the sessions left
	 * inside one: its lock would otherwise make the reset rebuild the database.
	 */
	void cancelRunningStatements() {
		List<Connection> open;
		synchronized (this) {
			handedOut.removeIf(TrackingDataSource::isClosed);
			open = new ArrayList<>(handedOut);
		}
		for (Connection connection : open) {
			if (RunningStatements.interruptSqlite(connection)) {
				rollBackQuietly(connection);
			}
			else {
				RunningStatements.cancel(connection);
			}
		}
	}

	private static void rollBackQuietly(Connection connection) {
		try {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException e) {
			// closed meanwhile, or broken: the reset finds out and rebuilds
		}
	}

	/**
	 * Closes the connections still handed out (those a class forgot to close) and every idle one but the last given
	 * back: the next class that reuses the database takes over that session, reset as between two tests, instead of
	 * opening one. A database waiting for its next class holds one session of the pool, not a pool's worth.
	 */
	void closeAllButOneIdle() {
		close(true, 1);
	}

	/** Closes the idle connections; those handed out stay open. */
	void closeIdle() {
		close(false, 0);
	}

	/** Closes every connection still open, handed out or idle. */
	void closeAll() {
		close(true, 0);
	}

	/** @param idleKept how many idle connections stay open, the last given back first */
	private void close(boolean handedOutToo, int idleKept) {
		List<Connection> open = new ArrayList<>();
		synchronized (this) {
			if (handedOutToo) {
				open.addAll(handedOut);
				handedOut.clear();
			}
			while (idle.size() > idleKept) {
				open.add(idle.pollLast().connection());
			}
		}
		open.forEach(TrackingDataSource::closeQuietly);
	}

	/**
	 * Closes a connection, stopping first what another thread may still run on it (a test that timed out), which a
	 * SQLite connection's close would otherwise wait for, forever if the statement never ends.
	 */
	private static void closeQuietly(Connection connection) {
		RunningStatements.interruptSqlite(connection);
		try {
			connection.close();
		}
		catch (SQLException e) {
			// closing is all we want; a broken connection is closed enough
		}
	}

	private static boolean isClosed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException e) {
			return true;
		}
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return delegate.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || delegate.isWrapperFor(type);
	}

	@Override
	public String toString() {
		return "DataSource of " + delegate;
	}
}
