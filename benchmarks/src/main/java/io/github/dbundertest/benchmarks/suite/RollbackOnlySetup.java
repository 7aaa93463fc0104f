package io.github.dbundertest.benchmarks.suite;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What many suites do: migrate once, then run every test inside a transaction on one connection kept for the whole
 * run, and roll it back. Cheap, and not commit-proof: code under test that commits, or opens its own connection,
 * leaks into the next test. Made as favourable as it gets: no connection is opened per test.
 */
final class RollbackOnlySetup implements AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RollbackOnlySetup.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Connection.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return connection(context).connection;
	}

	@Override
	public void afterEach(ExtensionContext context) throws SQLException {
		connection(context).connection.rollback();
	}

	private static SharedConnection connection(ExtensionContext context) {
		SuiteServer server = SuiteServer.of(context);
		return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedConnection.class, key -> {
			server.flyway(false).migrate();
			try {
				Connection connection = server.connect();
				connection.setAutoCommit(false);
				return new SharedConnection(connection);
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}, SharedConnection.class);
	}

	private record SharedConnection(Connection connection) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			connection.close();
		}
	}
}
