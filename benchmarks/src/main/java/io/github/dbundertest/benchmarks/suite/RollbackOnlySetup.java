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
		SuiteServer server = migrated(context);
		return context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(SharedConnection.class, key -> new SharedConnection(openInTransaction(server)),
					SharedConnection.class);
	}

	private static SuiteServer migrated(ExtensionContext context) {
		SuiteServer server = SuiteServer.of(context);
		context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("migrated", key -> {
			server.flyway(false).migrate();
			return true;
		});
		return server;
	}

	private static Connection openInTransaction(SuiteServer server) {
		try {
			Connection connection = server.connect();
			connection.setAutoCommit(false);
			return connection;
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The same with a new connection for every test, rolled back and closed after it: what handing each test a
	 * connection of its own costs, without any reset.
	 */
	static final class NewConnectionPerTest implements ParameterResolver {

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == Connection.class;
		}

		@Override
		public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
			Connection connection = openInTransaction(migrated(context));
			// rolled back and closed with the test's store
			context.getStore(NAMESPACE).put(parameter.getParameter(), new SharedConnection(connection));
			return connection;
		}
	}

	/** Rolled back, then closed. */
	private record SharedConnection(Connection connection) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			connection.rollback();
			connection.close();
		}
	}
}
