package io.github.dbundertest.benchmarks.suite;

/** The ways of giving the generated suite its database that the suite benchmark compares. */
enum Setup {

	/** The same classes and tests with empty bodies and no database: what JUnit itself costs. */
	NO_DATABASE("no database (JUnit alone, empty tests)"),
	OURS("ours: @DatabaseUnderTest"),
	ROLLBACK_ONLY("rollback only (not commit-proof)"),
	/** Rollback only, with a new connection for each test: what a connection of its own per test costs alone. */
	ROLLBACK_NEW_CONNECTION("rollback only, a new connection per test"),
	CLEAN_MIGRATE_TRUNCATE("flyway clean + migrate per class, truncate + reseed per test");

	final String label;

	Setup(String label) {
		this.label = label;
	}
}
