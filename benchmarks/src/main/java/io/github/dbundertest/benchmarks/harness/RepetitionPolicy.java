package io.github.dbundertest.benchmarks.harness;

import java.time.Duration;

/**
 * How many resets to time: up to {@code maximum} (statistics need many, and fast strategies get them all), but
 * once {@code budget} is spent (a Flyway migration of 200 tables takes seconds) no more than {@code minimum}. The
 * budget is checked as the loop runs rather than estimated up front: some strategies get slower as they repeat.
 * Untimed warm-up rounds run first, up to {@value #MAXIMUM_WARMUPS} and a quarter of the budget.
 */
public record RepetitionPolicy(Duration budget, int minimum, int maximum) {

	static final int MAXIMUM_WARMUPS = 50;

	public RepetitionPolicy {
		if (minimum < 1 || maximum < minimum) {
			throw new IllegalArgumentException("need 1 <= minimum <= maximum repetitions, not " + minimum + " and " + maximum);
		}
	}

	/** At least this many warm-up rounds, whatever they cost: the first resets load classes and fill caches. */
	static final int MINIMUM_WARMUPS = 3;

	boolean warmUpMore(int done, long elapsedNanos) {
		return done < MINIMUM_WARMUPS || (done < MAXIMUM_WARMUPS && elapsedNanos < budget.toNanos() / 4);
	}

	boolean measureMore(int done, long elapsedNanos) {
		return done < minimum || (done < maximum && elapsedNanos < budget.toNanos());
	}
}
