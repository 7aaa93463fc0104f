package io.github.dbundertest;

import java.util.Locale;

/**
 * A database engine that a {@link DatabaseUnderTest} class can run on.
 *
 * <p>The {@linkplain #vendor() vendor} names the folder of vendor-specific migrations: the token
 * {@code {vendor}} in {@link DatabaseUnderTest#migrations()} and {@link DatabaseUnderTest#seed()} becomes
 * {@code sqlite} or {@code postgresql}.
 */
public enum Backend {

	/** SQLite: one database file per test class invocation, foreign keys enforced. */
	SQLITE("sqlite"),

	/** PostgreSQL: one database per test class invocation on an embedded, containerised or external server. */
	POSTGRES("postgresql");

	private final String vendor;

	Backend(String vendor) {
		this.vendor = vendor;
	}

	/** The vendor name used in migration locations: {@code "sqlite"} or {@code "postgresql"}. */
	public String vendor() {
		return vendor;
	}

	/**
	 * The name used in display names ({@code [sqlite]}, {@code [postgres]}) and in the
	 * {@code dbundertest.backends} selection.
	 */
	public String displayName() {
		return name().toLowerCase(Locale.ROOT);
	}
}
