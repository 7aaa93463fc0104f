package io.github.dbundertest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server on 127.0.0.1:5432 (user postgres, trust authentication) that the external-provider tests
 * use. On a machine without one they are skipped with a reason; where {@code DBUNDERTEST_REQUIRE_EXTERNAL=true}
 * (CI), a missing server fails them instead, so that they can never be skipped silently there.
 */
final class ExternalServer {

	static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private ExternalServer() {
	}

	static void assumeAvailable() {
		try (Connection connection = DriverManager.getConnection(URL + "?connectTimeout=3", "postgres", null)) {
			connection.isValid(3);
		}
		catch (SQLException e) {
			String reason = "no PostgreSQL server answers on 127.0.0.1:5432 as user postgres (" + e.getMessage() + ")";
			if ("true".equals(System.getenv("DBUNDERTEST_REQUIRE_EXTERNAL"))) {
				throw new AssertionError(reason + ", and DBUNDERTEST_REQUIRE_EXTERNAL=true requires it", e);
			}
			Assumptions.abort(reason);
		}
	}
}
