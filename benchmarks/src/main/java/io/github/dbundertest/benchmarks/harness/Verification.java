package io.github.dbundertest.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a candidate really gets back to the template: after its own test, and after a test that commits (the
 * two differ only for rollback). Run outside the timed loop.
 *
 * @param afterOwnTest the state after the candidate's test and reset
 * @param afterCommittedTest the state after a committing test and reset
 */
public record Verification(StateComparison afterOwnTest, StateComparison afterCommittedTest) {

	public static Verification of(ResetCandidate candidate, DatabaseState template) throws Exception {
		candidate.runTest();
		candidate.reset();
		StateComparison own = candidate.state().compareTo(template);
		candidate.runCommittedTest();
		candidate.reset();
		StateComparison committed = candidate.state().compareTo(template);
		return new Verification(own, committed);
	}

	public boolean exact() {
		return afterOwnTest.equal() && afterCommittedTest.equal();
	}

	public String summary() {
		if (exact()) {
			return "= template";
		}
		if (afterOwnTest.equal()) {
			return "after a committed test: " + afterCommittedTest.summary();
		}
		if (afterCommittedTest.differences().equals(afterOwnTest.differences())) {
			return afterOwnTest.summary();
		}
		return afterOwnTest.summary() + "; after a committed test: " + afterCommittedTest.summary();
	}

	/** A few of the differences, as evidence under the table. */
	public List<String> examples(int limit) {
		List<String> examples = new ArrayList<>();
		afterOwnTest.differences().stream().limit(limit).map(d -> "after its test: " + d).forEach(examples::add);
		afterCommittedTest.differences().stream()
			.filter(d -> !afterOwnTest.differences().contains(d))
			.limit(limit)
			.map(d -> "after a committed test: " + d)
			.forEach(examples::add);
		return examples;
	}
}
