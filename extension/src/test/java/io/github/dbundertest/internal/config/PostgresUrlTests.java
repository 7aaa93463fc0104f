package io.github.dbundertest.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresUrlTests {

	@Test
	void readsAJdbcUrlWithCredentialsInTheQuery() {
		var url = PostgresUrl.parse("jdbc:postgresql://db.example:6543/app?user=ci&password=s3cret&sslmode=require",
				"test");

		assertThat(url).isEqualTo(new PostgresUrl("db.example", 6543, "app", "ci", "s3cret", Map.of("sslmode", "require")));
		assertThat(url.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db.example:6543/other?sslmode=require");
	}

	@Test
	void readsALibpqUriWithEncodedPasswordAndPrismaSchema() {
		var url = PostgresUrl.parse("postgresql://app%40corp:p%3Ass@localhost/tickets?schema=desk&connection_limit=5",
				"test");

		assertThat(url).isEqualTo(
				new PostgresUrl("localhost", 5432, "tickets", "app@corp", "p:ss", Map.of("currentSchema", "desk")));
	}

	@Test
	void defaultsToThePostgresDatabaseAndPort() {
		assertThat(PostgresUrl.parse("postgres://127.0.0.1", "test"))
			.isEqualTo(new PostgresUrl("127.0.0.1", 5432, "postgres", null, null, Map.of()));
	}

	@Test
	void rejectsWhatIsNoPostgresUrlWithoutShowingThePassword() {
		assertThatThrownBy(() -> PostgresUrl.parse("mysql://root:hunter2@localhost/db", "environment variable X"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageStartingWith("environment variable X is not a PostgreSQL URL: 'mysql://root:***@localhost/db'.")
			.hasMessageContaining("jdbc:postgresql://host:5432/postgres")
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void rejectsABadPort() {
		assertThatThrownBy(() -> PostgresUrl.parse("postgresql://localhost:54x2/db", "test"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("invalid port '54x2'");
	}

	@Test
	void neverPrintsThePassword() {
		var url = PostgresUrl.parse("postgresql://ci:hunter2@localhost/db", "test");

		assertThat(url.toString()).isEqualTo("postgresql://ci:***@localhost:5432/db");
	}
}
