package io.github.dbundertest.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import io.github.dbundertest.Backend;
import org.junit.jupiter.api.Test;

class ConfigurationSourceTests {

	private static ConfigurationSource source(Map<String, String> system, Map<String, String> environment,
			Map<String, String> parameters) {
		return new ConfigurationSource(system::get, environment::get, key -> Optional.ofNullable(parameters.get(key)));
	}

	@Test
	void systemPropertyWinsOverEnvironmentWhichWinsOverConfigurationParameter() {
		var all = source(Map.of("dbundertest.backends", "postgres"), Map.of("DATABASE_UNDER_TEST", "all"),
				Map.of("dbundertest.backends", "sqlite"));
		var environmentAndParameter = source(Map.of(), Map.of("DATABASE_UNDER_TEST", "all"),
				Map.of("dbundertest.backends", "postgres"));
		var parameterOnly = source(Map.of(), Map.of(), Map.of("dbundertest.backends", "postgres"));

		assertThat(BackendSelection.from(all).backends()).containsExactly(Backend.POSTGRES);
		assertThat(BackendSelection.from(environmentAndParameter).backends()).containsExactly(Backend.SQLITE,
				Backend.POSTGRES);
		assertThat(BackendSelection.from(environmentAndParameter).origin())
			.isEqualTo("environment variable DATABASE_UNDER_TEST=all");
		assertThat(BackendSelection.from(parameterOnly).backends()).containsExactly(Backend.POSTGRES);
	}

	@Test
	void blankValuesCountAsUnsetAndTheDefaultIsSqlite() {
		var blank = source(Map.of("dbundertest.backends", " "), Map.of("DATABASE_UNDER_TEST", ""), Map.of());

		assertThat(BackendSelection.from(blank).backends()).containsExactly(Backend.SQLITE);
		assertThat(BackendSelection.from(blank).origin()).isEqualTo("the default");
	}

	@Test
	void acceptsCaseAndSpacesAndAliases() {
		var mixed = source(Map.of(), Map.of("DATABASE_UNDER_TEST", " PostgreSQL ,SQLITE"), Map.of());

		assertThat(BackendSelection.from(mixed).backends()).containsExactly(Backend.SQLITE, Backend.POSTGRES);
	}

	@Test
	void anEmptyListEntryIsAnError() {
		var empty = source(Map.of(), Map.of("DATABASE_UNDER_TEST", "sqlite,,postgres"), Map.of());

		assertThatThrownBy(() -> BackendSelection.from(empty)).isInstanceOf(ConfigurationException.class)
			.hasMessage("Unknown backend '' in environment variable DATABASE_UNDER_TEST='sqlite,,postgres'. "
					+ "Valid values: sqlite, postgres (or postgresql), a comma-separated list of them, or all.");
	}

	@Test
	void anUnknownProviderIsAnErrorListingTheValidOnes() {
		var docker = source(Map.of(), Map.of("DATABASE_UNDER_TEST_POSTGRES_PROVIDER", "docker"), Map.of());

		assertThatThrownBy(() -> PostgresSettings.from(docker)).isInstanceOf(ConfigurationException.class)
			.hasMessage("Unknown PostgreSQL provider 'docker' in environment variable "
					+ "DATABASE_UNDER_TEST_POSTGRES_PROVIDER. Valid values: auto, external, testcontainers, embedded.");
	}

	@Test
	void theExternalProviderNeedsAUrl() {
		var external = source(Map.of("dbundertest.postgres.provider", "external"), Map.of(), Map.of());

		assertThatThrownBy(() -> PostgresSettings.from(external)).isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("no server URL is set")
			.hasMessageContaining("DATABASE_UNDER_TEST_POSTGRES_URL");
	}
}
