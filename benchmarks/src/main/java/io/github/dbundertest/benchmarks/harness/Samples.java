package io.github.dbundertest.benchmarks.harness;

import java.util.Arrays;

/**
 * The timed resets of one candidate, in nanoseconds, and the number of untimed warm-up rounds before them.
 * Medians rather than means: on a 2-core machine a single descheduling costs more than a whole fast reset.
 */
public record Samples(long[] nanos, int warmups) {

	public Samples {
		nanos = nanos.clone();
		Arrays.sort(nanos);
	}

	public int count() {
		return nanos.length;
	}

	public double medianMillis() {
		int n = nanos.length;
		double median = n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2.0;
		return median / 1e6;
	}

	/** Nearest-rank 95th percentile: with 20 samples, the second slowest. */
	public double p95Millis() {
		int rank = (int) Math.ceil(0.95 * nanos.length);
		return nanos[Math.max(0, rank - 1)] / 1e6;
	}
}
