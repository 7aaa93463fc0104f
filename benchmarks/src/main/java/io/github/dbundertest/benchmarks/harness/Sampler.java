package io.github.dbundertest.benchmarks.harness;

import java.util.Arrays;

/** Times a candidate's resets, each after an untimed test. */
public final class Sampler {

	private final RepetitionPolicy policy;

	public Sampler(RepetitionPolicy policy) {
		this.policy = policy;
	}

	public Samples measure(ResetCandidate candidate) throws Exception {
		int warmups = 0;
		long started = System.nanoTime();
		while (policy.warmUpMore(warmups, System.nanoTime() - started)) {
			candidate.runTest();
			candidate.reset();
			warmups++;
		}
		long[] nanos = new long[policy.maximum()];
		int count = 0;
		started = System.nanoTime();
		while (policy.measureMore(count, System.nanoTime() - started)) {
			candidate.runTest();
			long start = System.nanoTime();
			candidate.reset();
			nanos[count++] = System.nanoTime() - start;
		}
		return new Samples(Arrays.copyOf(nanos, count), warmups);
	}
}
