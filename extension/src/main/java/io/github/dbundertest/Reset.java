package io.github.dbundertest;

/** When the database of a {@link DatabaseUnderTest} class goes back to its migrated-and-seeded state. */
public enum Reset {

	/**
	 * Every test method starts from exactly the migrated and seeded state, whatever the previous test
	 * committed. Rows written in {@code @BeforeAll} methods are therefore gone after the first test: put shared
	 * rows in a {@link DatabaseUnderTest#seed() seed script}, or use {@link #AFTER_CLASS}.
	 */
	AFTER_EACH_TEST,

	/**
	 * The test methods of one class invocation share one database: what one test commits, the next one sees.
	 * The next class invocation starts from the migrated and seeded state again.
	 */
	AFTER_CLASS
}
