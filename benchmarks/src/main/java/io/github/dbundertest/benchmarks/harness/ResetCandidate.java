package io.github.dbundertest.benchmarks.harness;

/**
 * One way of getting a database back to its migrated-and-seeded state, set up on its own copy of the template.
 * Only {@link #reset()} is timed; the test before it is not.
 */
public interface ResetCandidate extends AutoCloseable {

	/** What a test does between two resets; most candidates commit it. */
	void runTest() throws Exception;

	/**
	 * A test that commits, whatever {@link #runTest()} does: for checking that the reset undoes committed work
	 * too, which only matters for a candidate whose own test does not commit.
	 */
	default void runCommittedTest() throws Exception {
		runTest();
	}

	/** The timed part: back to the template's state. */
	void reset() throws Exception;

	/** The database's state now, read on a connection of its own. */
	DatabaseState state() throws Exception;

	@Override
	void close();
}
