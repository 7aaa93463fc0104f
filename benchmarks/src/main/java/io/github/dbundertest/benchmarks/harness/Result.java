package io.github.dbundertest.benchmarks.harness;

/**
 * One candidate's outcome on one backend and schema size.
 *
 * @param samples null if it failed
 * @param verification null if it failed
 * @param failure why it failed, or null
 */
public record Result(String backend, int tables, String strategy, boolean ours, Samples samples,
		Verification verification, String failure) {

	public boolean failed() {
		return failure != null;
	}
}
