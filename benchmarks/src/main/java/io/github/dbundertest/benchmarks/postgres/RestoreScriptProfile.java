package io.github.dbundertest.benchmarks.postgres;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.dbundertest.benchmarks.harness.Samples;
import io.github.dbundertest.benchmarks.harness.TextTable;
import io.github.dbundertest.internal.reset.PostgresSnapshot;

/**
 * Where our PostgreSQL restore spends its time, step by step, after a committed test as in the main table.
 *
 * <p>The restore function names its steps in comment lines ({@link PostgresSnapshot#STEP_MARKER}). A copy of it
 * has each such line replaced by a notice that carries the server's clock, and one more before each
 * {@code RETURN}; the differences between consecutive clocks are the steps' times, measured inside the server
 * with the function's plans cached as in the real one. The real restore call, unchanged, and a bare round trip are
 * timed alongside.
 */
public final class RestoreScriptProfile {

	private static final int WARMUPS = 20;
	private static final int ROUNDS = 100;

	private static final String PROFILED = "pg_temp.bench_profiled_restore";
	private static final Pattern STEP = Pattern.compile("(?m)^" + Pattern.quote(PostgresSnapshot.STEP_MARKER) + "(.*)$");
	private static final Pattern RETURN = Pattern.compile("(?ms)^(\\s*)RETURN (.+?);\\s*$");
	private static final Pattern NOTICE = Pattern.compile("bench step (.*)\\|(\\d+)");

	private RestoreScriptProfile() {
	}

	public static String run(PostgresServerHandle server, PostgresFixture fixture, PrintStream progress)
			throws SQLException {
		String title = "\nOur PostgreSQL restore in steps: " + server.label() + ", " + fixture.plan().tables().size()
				+ " tables (+ flyway_schema_history)";
		PostgresSnapshot snapshot = fixture.snapshot();
		String profiled = profiledCopy(snapshot.prepareSession());
		if (profiled == null) {
			return title + ": skipped, the restore function names no steps\n";
		}
		Map<String, long[]> steps = new LinkedHashMap<>();
		long[] whole = new long[ROUNDS];
		long[] instrumented = new long[ROUNDS];
		long[] roundTrip = new long[ROUNDS];
		String copy = fixture.newCopy(snapshot.tracked());
		try (Connection test = fixture.connect(copy); Connection restore = fixture.connect(copy);
				Statement statement = restore.createStatement()) {
			test.setAutoCommit(false);
			statement.execute(snapshot.prepareSession());
			statement.execute(profiled);
			for (int round = -WARMUPS; round < ROUNDS; round++) {
				fixture.workload().insertRows(test);
				test.commit();
				statement.clearWarnings();
				long instrumentedNanos = time(statement, "SELECT " + PROFILED + "(false)");
				Map<String, Long> stepNanos = stepNanos(statement.getWarnings());
				fixture.workload().insertRows(test);
				test.commit();
				long wholeNanos = time(statement, snapshot.restoreCall(false));
				long roundTripNanos = time(statement, "SELECT 1");
				if (round >= 0) {
					int at = round;
					stepNanos.forEach((step, nanos) -> steps.computeIfAbsent(step, key -> new long[ROUNDS])[at] = nanos);
					instrumented[round] = instrumentedNanos;
					whole[round] = wholeNanos;
					roundTrip[round] = roundTripNanos;
				}
			}
		}
		finally {
			fixture.drop(copy);
		}
		progress.println("[" + server.label() + ", " + fixture.plan().tables().size() + " tables] profiled our restore");
		return title + ", " + ROUNDS + " rounds after " + WARMUPS + " warm-up, each after a committed test\n"
				+ render(steps, instrumented, whole, roundTrip);
	}

	/** The restore function renamed, with a clock notice at each step and before each return; null if it has none. */
	static String profiledCopy(String prepareSession) {
		int create = prepareSession.indexOf("CREATE OR REPLACE FUNCTION pg_temp.dbundertest_restore(");
		if (create < 0 || !STEP.matcher(prepareSession).find()) {
			return null;
		}
		String function = prepareSession.substring(create).replace("pg_temp.dbundertest_restore(", PROFILED + "(");
		function = STEP.matcher(function).replaceAll(step -> Matcher.quoteReplacement(notice(step.group(1))));
		Matcher returns = RETURN.matcher(function);
		StringBuilder marked = new StringBuilder();
		while (returns.find()) {
			returns.appendReplacement(marked, Matcher.quoteReplacement(returns.group(1) + "bench_result := "
					+ returns.group(2) + ";\n" + notice("end") + returns.group(1) + "RETURN bench_result;"));
		}
		returns.appendTail(marked);
		function = marked.toString();
		int declare = function.indexOf("\nDECLARE\n");
		int begin = function.indexOf("\nBEGIN\n");
		return declare >= 0 && declare < begin
				? function.replaceFirst("\nDECLARE\n", "\nDECLARE\n  bench_result text;\n")
				: function.substring(0, begin) + "\nDECLARE\n  bench_result text;" + function.substring(begin);
	}

	private static String notice(String step) {
		return "  RAISE NOTICE 'bench step %|%', '" + step.replace("'", "''")
				+ "', (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;\n";
	}

	/** Each step's time from the notices: the clock at the next notice less the clock at its own. */
	private static Map<String, Long> stepNanos(SQLWarning warnings) {
		List<String> names = new ArrayList<>();
		List<Long> micros = new ArrayList<>();
		for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
			Matcher notice = NOTICE.matcher(warning.getMessage());
			if (notice.find()) {
				names.add(notice.group(1));
				micros.add(Long.parseLong(notice.group(2)));
			}
		}
		Map<String, Long> nanos = new LinkedHashMap<>();
		for (int i = 0; i + 1 < names.size(); i++) {
			nanos.merge(names.get(i), (micros.get(i + 1) - micros.get(i)) * 1000, Long::sum);
		}
		return nanos;
	}

	private static long time(Statement statement, String sql) throws SQLException {
		long start = System.nanoTime();
		statement.execute(sql);
		return System.nanoTime() - start;
	}

	private static String render(Map<String, long[]> steps, long[] instrumented, long[] whole, long[] roundTrip) {
		double sum = steps.values().stream().mapToDouble(nanos -> new Samples(nanos, WARMUPS).medianMillis()).sum();
		TextTable table = new TextTable("step (inside the function)", "median ms", "p95 ms", "share").rightAlign(1, 2, 3);
		steps.forEach((step, nanos) -> {
			Samples samples = new Samples(nanos, WARMUPS);
			table.add(step, fmt(samples.medianMillis()), fmt(samples.p95Millis()),
					String.format(Locale.ROOT, "%.0f%%", sum == 0 ? 0 : 100 * samples.medianMillis() / sum));
		});
		table.separator();
		table.add("sum of the steps' medians", fmt(sum), "", "100%");
		Samples instrumentedSamples = new Samples(instrumented, WARMUPS);
		table.add("the profiled call, one round trip", fmt(instrumentedSamples.medianMillis()),
				fmt(instrumentedSamples.p95Millis()), "");
		Samples wholeSamples = new Samples(whole, WARMUPS);
		table.add("the real restore call, one round trip", fmt(wholeSamples.medianMillis()),
				fmt(wholeSamples.p95Millis()), "");
		Samples roundTripSamples = new Samples(roundTrip, WARMUPS);
		table.add("SELECT 1, a bare round trip", fmt(roundTripSamples.medianMillis()), fmt(roundTripSamples.p95Millis()),
				"");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		table.print(new PrintStream(buffer, true));
		return buffer.toString();
	}

	private static String fmt(double millis) {
		return String.format(Locale.ROOT, "%.3f", millis);
	}
}
