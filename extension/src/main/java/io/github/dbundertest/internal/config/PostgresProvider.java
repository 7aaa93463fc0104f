package io.github.dbundertest.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.dbundertest.DatabaseUnderTest;

/** Where the PostgreSQL server comes from: {@code dbundertest.postgres.provider}. */
public enum PostgresProvider {

	/** {@code external} if a URL is set, else {@code testcontainers} if Docker answers, else {@code embedded}. */
	AUTO,

	/** An existing server named by {@code dbundertest.postgres.url}. */
	EXTERNAL,

	/** A container started through Testcontainers. */
	TESTCONTAINERS,

	/** A server run from binaries that come as a Maven dependency. */
	EMBEDDED;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static PostgresProvider from(ConfigurationSource source) {
		return source
			.find(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, DatabaseUnderTest.POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE)
			.map(PostgresProvider::parse)
			.orElse(AUTO);
	}

	static PostgresProvider parse(ConfigurationSource.Setting setting) {
		String wanted = setting.value().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(provider -> provider.key().equals(wanted))
			.findFirst()
			.orElseThrow(() -> new ConfigurationException("Unknown PostgreSQL provider '" + setting.value() + "' in "
					+ setting.origin() + ". Valid values: "
					+ Arrays.stream(values()).map(PostgresProvider::key).collect(Collectors.joining(", ")) + "."));
	}
}
