package io.github.dbundertest.internal.jupiter;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.dbundertest.internal.RunningStatements;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes injected connections on the test's own thread and watches, from a thread of its own, the closes that take
 * long: a test that timed out may still be running a statement on its connection in another thread, and the close
 * waits for that statement. From {@link #CANCEL_AFTER_NANOS} on, what runs on the connection is cancelled at every
 * look, so that the close goes on and rolls back what the test left uncommitted; at {@link #ABORT_AFTER_NANOS} the
 * connection is also aborted (pgjdbc closes its socket; sqlite-jdbc's abort does nothing, and only the interrupts
 * free its lock).
 *
 * <p>The watch costs a test two map updates and no thread switch, where handing every close to another thread and
 * waiting for it cost two switches a test. Kept in the engine's root store and ended with it.
 */
final class ConnectionClosing implements AutoCloseable {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	static final long CANCEL_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
	static final long ABORT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(4);
	private static final long LOOK_EVERY_MILLIS = 200;

	/**
	 * A close in progress: its connection, when it started, and how far the watch has gone with it. Kept by
	 * identity, whatever the connection's own {@code equals}. The watch acts on it only while holding it and only
	 * until it is {@link #done}, which the close sets holding it too: once the close has returned, nothing the
	 * watch does can reach the session, which may be the next test's by then.
	 */
	private static final class Close {

		final Connection connection;
		final long startedAtNanos = System.nanoTime();
		boolean done;
		volatile boolean cancelled;
		volatile boolean aborted;

		Close(Connection connection) {
			this.connection = connection;
		}

		/** Once past the first delay, on every look: a thread may start statement after statement. */
		synchronized void step(long now) {
			if (done) {
				return;
			}
			long waited = now - startedAtNanos;
			if (waited >= CANCEL_AFTER_NANOS) {
				cancelled = true;
				RunningStatements.cancel(connection);
			}
			if (waited >= ABORT_AFTER_NANOS && !aborted) {
				aborted = true;
				abortQuietly(connection);
			}
		}

		synchronized void finish() {
			done = true;
		}
	}

	private final Set<Close> inProgress = ConcurrentHashMap.newKeySet();
	private final Thread watch;
	private volatile boolean ended;

	private ConnectionClosing() {
		watch = new Thread(this::watch, "dbundertest-connection-close-watch");
		watch.setDaemon(true);
		watch.start();
	}

	static ConnectionClosing of(ExtensionContext context) {
		return context.getRoot()
			.getStore(InvocationDatabase.NAMESPACE)
			.getOrComputeIfAbsent(ConnectionClosing.class, key -> new ConnectionClosing(), ConnectionClosing.class);
	}

	/**
	 * Rolls back what the test left uncommitted and closes, here, under the watch. Where the watch had to step in,
	 * most likely another thread of the test was still using the connection: that is logged as a warning, not
	 * failed, since a server slow for a moment looks the same from here. What the close then met (the cancel may
	 * hit its own rollback) is the watch's doing and goes into the warning.
	 *
	 * @param test names the test that had the connection, for the warning
	 */
	void rollBackAndClose(Connection connection, Supplier<String> test) throws SQLException {
		Close close = new Close(connection);
		inProgress.add(close);
		SQLException failure = null;
		try {
			if (!connection.isClosed()) {
				try {
					if (!connection.getAutoCommit()) {
						connection.rollback();
					}
				}
				catch (SQLException e) {
					failure = e; // closed all the same, which ends the transaction with the session or gives it back
				}
				connection.close();
			}
		}
		catch (SQLException e) {
			if (failure == null) {
				failure = e;
			}
			else {
				failure.addSuppressed(e);
			}
		}
		finally {
			inProgress.remove(close);
			close.finish();
		}
		if (close.cancelled || close.aborted) {
			SQLException met = failure;
			LOG.log(Level.WARNING, () -> test.get() + ": the injected connection was still busy "
					+ (close.aborted ? ABORT_AFTER_NANOS : CANCEL_AFTER_NANOS) / 1_000_000_000
					+ " s after the test ended, most likely running statements for another thread of the test: "
					+ (close.aborted ? "they were cancelled and the connection aborted" : "the statement was cancelled")
					+ ". End or join the threads a test starts before it returns."
					+ (met == null ? "" : " (The close then met: " + met.getMessage() + ")"));
			return;
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void watch() {
		while (!ended) {
			try {
				Thread.sleep(LOOK_EVERY_MILLIS);
			}
			catch (InterruptedException e) {
				return; // ended
			}
			long now = System.nanoTime();
			for (Close close : inProgress) {
				try {
					close.step(now);
				}
				catch (RuntimeException | LinkageError e) {
					// a driver that fails here must not end the watch over every later close
				}
			}
		}
	}

	private static void abortQuietly(Connection connection) {
		try {
			connection.abort(Runnable::run);
		}
		catch (SQLException | RuntimeException e) {
			// the close goes on as the driver lets it, and the warning says the connection was aborted
		}
	}

	@Override
	public void close() {
		ended = true;
		watch.interrupt();
	}
}
