package io.github.dbundertest.benchmarks.suite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.github.dbundertest.benchmarks.postgres.PostgresFixture;
import io.github.dbundertest.benchmarks.postgres.ReseedScripts;
import io.github.dbundertest.benchmarks.schema.Dialect;
import io.github.dbundertest.benchmarks.sqlite.SqliteDeleteAndReseed;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What hand-rolled suites that are commit-proof usually do: Flyway clean + migrate before each class, and after
 * each test {@code TRUNCATE … RESTART IDENTITY CASCADE} and the template's rows again (SQLite, which has no
 * TRUNCATE: DELETE, {@code sqlite_sequence} and the rows again), the same scripts as the reset benchmark's.
 */
final class CleanMigrateTruncateSetup implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
			CleanMigrateTruncateSetup.class);

	@Override
	public void beforeAll(ExtensionContext context) throws SQLException {
		SuiteServer server = SuiteServer.of(context);
		server.flyway(true).clean();
		server.flyway(true).migrate();
		Connection connection = server.connect();
		List<String> reset = server.dialect == Dialect.POSTGRES
				? List.of(ReseedScripts.truncateAndReseed(SuiteFixtures.plan(Dialect.POSTGRES),
						PostgresFixture.sequenceStarts(connection)))
				: SqliteDeleteAndReseed.statements(SuiteFixtures.plan(Dialect.SQLITE));
		context.getStore(NAMESPACE).put(ClassConnection.class, new ClassConnection(connection, reset));
	}

	@Override
	public void afterEach(ExtensionContext context) throws SQLException {
		ClassConnection open = context.getStore(NAMESPACE).get(ClassConnection.class, ClassConnection.class);
		boolean transaction = open.reset.size() > 1;
		open.connection.setAutoCommit(!transaction);
		try (Statement statement = open.connection.createStatement()) {
			for (String sql : open.reset) {
				statement.execute(sql);
			}
		}
		if (transaction) {
			open.connection.commit();
		}
		open.connection.setAutoCommit(true);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Connection.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getStore(NAMESPACE).get(ClassConnection.class, ClassConnection.class).connection;
	}

	private record ClassConnection(Connection connection, List<String> reset) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			connection.close();
		}
	}
}
