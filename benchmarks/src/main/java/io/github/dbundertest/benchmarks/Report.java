package io.github.dbundertest.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.dbundertest.benchmarks.harness.Result;
import io.github.dbundertest.benchmarks.harness.TextTable;

/** The results table, the targets and the evidence for every state that is not the template's. */
final class Report {

	/** The project's targets for ours, by backend kind and table count; see benchmarks/README.md. */
	private record Target(String backendPrefix, int tables, double medianMillis) {
	}

	/** The SQLite target is stated without a size; it is checked at 12 tables, the size the others start at. */
	private static final List<Target> TARGETS = List.of(new Target("PG", 12, 2.0), new Target("PG", 200, 4.0),
			new Target("SQLite", 12, 0.3));

	private final List<Result> results = new ArrayList<>();

	void addAll(List<Result> more) {
		results.addAll(more);
	}

	void print(PrintStream out) {
		TextTable table = new TextTable("backend", "tables", "strategy", "resets", "warm-up", "median ms", "p95 ms",
				"x ours", "state after reset").rightAlign(1, 3, 4, 5, 6, 7);
		String previous = null;
		for (Result result : results) {
			String group = result.backend() + "/" + result.tables();
			if (previous != null && !previous.equals(group)) {
				table.separator();
			}
			previous = group;
			table.add(row(result));
		}
		table.print(out);
		printEvidence(out);
		printTargets(out);
	}

	private String[] row(Result result) {
		if (result.failed()) {
			return new String[] { result.backend(), String.valueOf(result.tables()), result.strategy(), "-", "-", "-",
					"-", "-", "FAILED: " + abbreviate(result.failure()) };
		}
		Optional<Result> ours = oursFor(result);
		String ratio = ours.filter(o -> !o.failed())
			.map(o -> ratio(result.samples().medianMillis() / o.samples().medianMillis()))
			.orElse("-");
		return new String[] { result.backend(), String.valueOf(result.tables()), result.strategy(),
				String.valueOf(result.samples().count()), String.valueOf(result.samples().warmups()),
				format(result.samples().medianMillis(), 3), format(result.samples().p95Millis(), 3), ratio,
				result.verification().summary() };
	}

	private void printEvidence(PrintStream out) {
		List<String> lines = new ArrayList<>();
		for (Result result : results) {
			if (!result.failed() && !result.verification().exact()) {
				lines.add(result.backend() + ", " + result.tables() + " tables, " + result.strategy() + ":");
				result.verification().examples(2).forEach(example -> lines.add("    " + example));
			}
		}
		if (!lines.isEmpty()) {
			out.println();
			out.println("States that are not the template's (examples; verified outside the timed loop):");
			lines.forEach(line -> out.println("  " + line));
		}
	}

	private void printTargets(PrintStream out) {
		out.println();
		out.println("Targets for ours (median):");
		for (Target target : TARGETS) {
			for (Result result : results) {
				if (result.ours() && result.backend().startsWith(target.backendPrefix())
						&& result.tables() == target.tables()) {
					String verdict = result.failed() ? "FAILED"
							: result.samples().medianMillis() <= target.medianMillis() ? "met" : "NOT MET";
					String median = result.failed() ? "-" : format(result.samples().medianMillis(), 3) + " ms";
					out.printf(Locale.ROOT, "  %-20s %3d tables: %9s  (target <= %s ms)  %s%n", result.backend(),
							result.tables(), median, format(target.medianMillis(), 1), verdict);
				}
			}
		}
	}

	private Optional<Result> oursFor(Result result) {
		return results.stream()
			.filter(r -> r.ours() && r.backend().equals(result.backend()) && r.tables() == result.tables())
			.findFirst();
	}

	private static String ratio(double ratio) {
		return ratio < 0.01 ? "<0.01" : format(ratio, 2);
	}

	static String format(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\s+", " ");
		return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
	}
}
