package io.github.dbundertest.internal.config;

import java.util.Locale;

import io.github.dbundertest.DatabaseUnderTest;

/**
 * Whether SQLite is made to behave like PostgreSQL where it can be told to, and checked after each test where it
 * cannot: {@code dbundertest.sqlite.parity} / {@code DATABASE_UNDER_TEST_SQLITE_PARITY}, on by default.
 */
public enum SqliteParity {

	ON, OFF;

	public static SqliteParity from(ConfigurationSource source) {
		return source.find(DatabaseUnderTest.SQLITE_PARITY_PROPERTY, DatabaseUnderTest.SQLITE_PARITY_ENVIRONMENT_VARIABLE)
			.map(SqliteParity::parse)
			.orElse(ON);
	}

	static SqliteParity parse(ConfigurationSource.Setting setting) {
		return switch (setting.value().toLowerCase(Locale.ROOT)) {
			case "on", "true" -> ON;
			case "off", "false" -> OFF;
			default -> throw new ConfigurationException("Unknown SQLite parity setting '" + setting.value() + "' in "
					+ setting.origin() + ". Valid values: on, off.");
		};
	}
}
