package io.github.dbundertest.internal.template;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The {@link DataSource} handed to tests: each {@code getConnection()} opens a new connection, and the
 * connections a test forgot to close are closed when its class invocation ends, so that none outlives the
 * database or eats into PostgreSQL's connection limit.
 */
final class TrackingDataSource implements DataSource {

	private final DataSource delegate;
	private final List<Connection> handedOut = new ArrayList<>();

	TrackingDataSource(DataSource delegate) {
		this.delegate = delegate;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return track(delegate.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return track(delegate.getConnection(username, password));
	}

	private synchronized Connection track(Connection connection) throws SQLException {
		handedOut.removeIf(TrackingDataSource::isClosed);
		handedOut.add(connection);
		return connection;
	}

	/** Closes every connection still open. */
	synchronized void closeAll() {
		for (Connection connection : handedOut) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				// closing is all we want; a broken connection is closed enough
			}
		}
		handedOut.clear();
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
