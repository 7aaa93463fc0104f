package io.github.dbundertest.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every candidate of one backend and schema size, one after the other, each on a fresh copy of the template:
 * measure, then verify. A candidate that fails is reported as failed; the others still run.
 */
public final class Contest {

	/** Opens a candidate on its own fresh copy of the template. */
	@FunctionalInterface
	public interface Opener {
		ResetCandidate open() throws Exception;
	}

	/** A candidate to run; {@code ours} marks the extension's strategy, the one the ratios are relative to. */
	public record Entry(String name, boolean ours, Opener opener) {
	}

	private final Sampler sampler;
	private final PrintStream progress;

	public Contest(Sampler sampler, PrintStream progress) {
		this.sampler = sampler;
		this.progress = progress;
	}

	public List<Result> run(String backend, int tables, DatabaseState template, List<Entry> entries) {
		List<Result> results = new ArrayList<>();
		for (Entry entry : entries) {
			results.add(run(backend, tables, template, entry));
			System.gc(); // not in the middle of the next candidate's timed loop, if it can be helped
		}
		return results;
	}

	private Result run(String backend, int tables, DatabaseState template, Entry entry) {
		String label = "[" + backend + ", " + tables + " tables] " + entry.name();
		long started = System.nanoTime();
		try (ResetCandidate candidate = entry.opener().open()) {
			Samples samples = sampler.measure(candidate);
			Verification verification = Verification.of(candidate, template);
			progress.printf(Locale.ROOT, "%s: %d resets, median %.3f ms, %s (%.1f s)%n", label, samples.count(),
					samples.medianMillis(), verification.summary(), (System.nanoTime() - started) / 1e9);
			return new Result(backend, tables, entry.name(), entry.ours(), samples, verification, null);
		}
		catch (Exception | AssertionError e) {
			progress.println(label + ": FAILED: " + e);
			return new Result(backend, tables, entry.name(), entry.ours(), null, null, String.valueOf(e.getMessage()));
		}
	}
}
