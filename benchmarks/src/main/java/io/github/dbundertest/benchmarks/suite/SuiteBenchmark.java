package io.github.dbundertest.benchmarks.suite;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.dbundertest.benchmarks.harness.Folders;
import io.github.dbundertest.benchmarks.harness.TextTable;
import io.github.dbundertest.benchmarks.schema.Dialect;
import io.github.dbundertest.benchmarks.schema.SchemaPlan;

/**
 * The whole-suite figures: what each setup adds to a generated suite of {@value SuiteFixtures#CLASSES} ×
 * {@value SuiteFixtures#TESTS_PER_CLASS} tests, and how much sooner the first test starts when the migrated
 * template comes from the cache.
 *
 * <p>Each run is a JVM of its own ({@link SuiteRun}). What a setup adds is the suite's wall time less JUnit's
 * own, measured on the same classes with empty tests and no database, and less what the test work itself costs.
 * For tests that commit, that is the time inside the test bodies of the clean + migrate + truncate setup: the same
 * inserts and commits, on a connection kept warm, to tables without triggers. So ours is also charged for what its
 * connections and its change tracking cost inside the tests. The tests of the two rollback setups never commit;
 * their work is their own time, so that the commits they skip do not count as time their setup saves. What a setup
 * adds includes server start, migrations, databases and resets. Ours is measured with the template cache off (it
 * migrates, as the other setups do) and with the template taken from the cache, as from a suite's second run on.
 * The first-test time is from the launcher's start to the first test body.
 */
public final class SuiteBenchmark {

	private static final Pattern RESULT = Pattern.compile(SuiteRun.RESULT
			+ " tests=(\\d+) failed=(\\d+) wall_ns=(\\d+) bodies_ns=(\\d+) first_test_ns=(-?\\d+) printed_at_ns=(-?\\d+)");

	private final Path root;
	private final Path classpathRoot;
	private final Path workingDirectory;
	private final int repetitions;

	private SuiteBenchmark(Path root, int repetitions) {
		this.root = root;
		this.classpathRoot = root.resolve("classpath");
		this.workingDirectory = root.resolve("run");
		this.repetitions = repetitions;
	}

	/**
	 * Runs the whole-suite benchmark, each setup {@code repetitions} times, from the repository's root folder, and
	 * returns its report.
	 */
	public static String run(int repetitions) throws IOException, InterruptedException {
		SuiteBenchmark benchmark = new SuiteBenchmark(Path.of("benchmarks", "target", "suite").toAbsolutePath(),
				repetitions);
		benchmark.writeMigrations();
		try {
			return benchmark.run();
		}
		finally {
			Folders.deleteRecursively(benchmark.root);
		}
	}

	/** The generated schema, seed as the last migration, on the forked JVMs' class path as {@code suite/<vendor>}. */
	private void writeMigrations() throws IOException {
		Folders.deleteRecursively(root);
		for (Dialect dialect : Dialect.values()) {
			SchemaPlan plan = SuiteFixtures.plan(dialect);
			Path folder = Files.createDirectories(
					classpathRoot.resolve("suite").resolve(dialect == Dialect.SQLITE ? "sqlite" : "postgresql"));
			List<String> migrations = new ArrayList<>(plan.migrations());
			migrations.add(String.join(";\n", plan.seed()) + ";\n");
			for (int version = 1; version <= migrations.size(); version++) {
				Files.writeString(folder.resolve("V" + version + "__step_" + version + ".sql"), migrations.get(version - 1));
			}
		}
		// the extension keeps its cache in the build folder of the working directory
		Files.createDirectories(workingDirectory.resolve("target"));
	}

	private String run() throws IOException, InterruptedException {
		StringBuilder report = new StringBuilder("\nThe generated suite: " + SuiteFixtures.CLASSES + " classes of "
				+ SuiteFixtures.TESTS_PER_CLASS + " tests, " + SuiteFixtures.TABLES + " tables and "
				+ (SchemaPlan.MIGRATIONS + 1) + " migrations; each test commits 50 rows into 5 tables. Medians of "
				+ repetitions + " rounds, each running every setup once in a JVM of its own, PostgreSQL embedded. A"
				+ " suite's time runs from the launcher's start to the JVM's exit, so that servers stopped by shutdown"
				+ " hooks count. 'added' is the suite's time less JUnit's alone (the first row) and less the test work"
				+ " itself: the clean + migrate + truncate row's time in the tests for tests that commit, its own for the"
				+ " two rollback setups. Of it, 'before 1st test' is what"
				+ " a setup adds before its first test starts (JUnit's own time to its first test left out): server,"
				+ " migrations, first database; the rest, spread over the tests, is 'per test after'.\n\n");
		TextTable table = new TextTable("backend", "setup", "tests", "suite s", "in the tests s", "added s", "x ours",
				"before 1st test s", "per test after ms").rightAlign(2, 3, 4, 5, 6, 7, 8);
		List<String> verdicts = new ArrayList<>();
		Map<String, Run> junitAloneOn = new LinkedHashMap<>();
		for (String backend : List.of("sqlite", "postgres")) {
			fork(Setup.OURS, backend, "auto"); // leaves the template in the cache for the runs that follow
			Map<Variant, Run> medians = mediansOfRounds(backend);
			Run junitAlone = medians.get(Variant.JUNIT_ALONE);
			junitAloneOn.put(backend, junitAlone);
			Run oursCold = medians.get(Variant.OURS_COLD);
			Run oursCached = medians.get(Variant.OURS_CACHED);
			Run rollback = medians.get(Variant.ROLLBACK_ONLY);
			Run rollbackNewConnection = medians.get(Variant.ROLLBACK_NEW_CONNECTION);
			Run truncate = medians.get(Variant.CLEAN_MIGRATE_TRUNCATE);
			// the test work itself: for tests that commit, committing the rows on a warm connection to tables
			// without triggers (setup 4's tests); measuring ours against it charges ours for what its connections and
			// change tracking cost inside the tests. The rollback setups' tests do less (they never commit): their own
			// time is their work, so that skipping the commit is not counted as time the setup saves
			long committingWork = truncate.bodiesNanos;
			table.add(backend, Setup.NO_DATABASE.label, String.valueOf(junitAlone.tests), seconds(junitAlone.wallNanos),
					seconds(junitAlone.bodiesNanos), "-", "-", "-", "-");
			Map<String, Run> rows = new LinkedHashMap<>();
			rows.put(Setup.OURS.label + ", cache off: migrates", oursCold);
			rows.put(Setup.OURS.label + ", template from the cache", oursCached);
			rows.put(Setup.ROLLBACK_ONLY.label, rollback);
			rows.put(Setup.CLEAN_MIGRATE_TRUNCATE.label, truncate);
			rows.put(Setup.ROLLBACK_NEW_CONNECTION.label, rollbackNewConnection);
			Map<Run, Double> added = new IdentityHashMap<>();
			rows.values().forEach(run -> added.put(run, (run.wallNanos - junitAlone.wallNanos
					- (run == rollback || run == rollbackNewConnection ? run.bodiesNanos : committingWork)) / 1e9));
			// what a setup adds before its first test (server, migrations, first database) against what it adds
			// with each test after it: a reset strategy can only change the second
			Map<Run, Double> beforeFirstTest = new IdentityHashMap<>();
			rows.values().forEach(run -> beforeFirstTest.put(run, (run.firstTestNanos - junitAlone.firstTestNanos) / 1e9));
			double ours = added.get(oursCold);
			rows.forEach((label, run) -> table.add(backend, label, String.valueOf(run.tests), seconds(run.wallNanos),
					seconds(run.bodiesNanos), String.format(Locale.ROOT, "%.2f", added.get(run)),
					ratio(added.get(run) / ours), String.format(Locale.ROOT, "%.2f", beforeFirstTest.get(run)),
					String.format(Locale.ROOT, "%.2f", 1000 * (added.get(run) - beforeFirstTest.get(run)) / run.tests)));
			// the floor of any setup that hands each test a connection of its own, as ours does on SQLite
			double newConnectionAdds = added.get(rollbackNewConnection);
			double newConnectionPerTestAfter = newConnectionAdds - beforeFirstTest.get(rollbackNewConnection);
			for (Map.Entry<String, Run> candidate : List.of(Map.entry("cache off", oursCold),
					Map.entry("template cached", oursCached))) {
				double oursAdds = added.get(candidate.getValue());
				double versusRollback = oursAdds / added.get(rollback);
				double truncateVersus = added.get(truncate) / oursAdds;
				verdicts.add(String.format(Locale.ROOT,
						"  %-8s ours (%s) adds %.2fx what rollback only adds (target <= 1.5)  %s%s", backend,
						candidate.getKey(), versusRollback, versusRollback <= 1.5 ? "met" : "NOT MET",
						versusRollback <= 1.5 ? ""
								: String.format(Locale.ROOT, "; a new connection per test, with no reset, adds %.2fx alone",
										newConnectionAdds / added.get(rollback))));
				double oursBeforeFirstTest = beforeFirstTest.get(candidate.getValue());
				// within the noise of JUnit's own time to its first test, a share is no figure to print
				String beforeFirst = oursBeforeFirstTest < 0.01 ? "before its first test ours adds nothing measurable"
						: String.format(Locale.ROOT, "before its first test alone ours adds 1/%.1f of it",
								added.get(truncate) / oursBeforeFirstTest);
				verdicts.add(String.format(Locale.ROOT,
						"  %-8s clean + migrate + truncate adds %.1fx what ours (%s) adds (target >= 10)  %s%s", backend,
						truncateVersus, candidate.getKey(), truncateVersus >= 10 ? "met" : "NOT MET",
						truncateVersus >= 10 ? ""
								: String.format(Locale.ROOT, "; %s, and a new connection for each test after the first, with"
										+ " no reset, 1/%.1f", beforeFirst, added.get(truncate) / newConnectionPerTestAfter)));
			}
		}
		report.append(render(table));

		report.append("\nTime to the first test, ours, with the template cache (dbundertest.cache=auto): the first run"
				+ " finds the cache empty, the second finds the template it left. Ours' part is the time less JUnit's own"
				+ " to its first test (the empty suite's).\n\n");
		TextTable cache = new TextTable("backend", "first run s", "second run s", "second / first", "JUnit alone s",
				"ours' part, first run s", "second run s", "second / first").rightAlign(1, 2, 3, 4, 5, 6, 7);
		for (String backend : List.of("sqlite", "postgres")) {
			List<Long> cold = new ArrayList<>();
			List<Long> warm = new ArrayList<>();
			for (int i = 0; i < repetitions; i++) {
				Folders.deleteRecursively(workingDirectory.resolve("target"));
				Files.createDirectories(workingDirectory.resolve("target"));
				cold.add(fork(Setup.OURS, backend, "auto").firstTestNanos);
				warm.add(fork(Setup.OURS, backend, "auto").firstTestNanos);
			}
			long junit = junitAloneOn.get(backend).firstTestNanos;
			double ratio = (double) median(warm) / median(cold);
			double oursRatio = (double) (median(warm) - junit) / (median(cold) - junit);
			cache.add(backend, seconds(median(cold)), seconds(median(warm)), ratio(ratio), seconds(junit),
					seconds(median(cold) - junit), seconds(median(warm) - junit), ratio(oursRatio));
			verdicts.add(String.format(Locale.ROOT, "  %-8s second run's first test after %.0f%% of the first's"
					+ " (target <= 50%%)  %s%s", backend, 100 * ratio, ratio <= 0.5 ? "met" : "NOT MET",
					ratio <= 0.5 ? "" : String.format(Locale.ROOT, "; JUnit alone takes %.0f%% of the first run's time to"
							+ " its first test", 100.0 * junit / median(cold))));
			verdicts.add(String.format(Locale.ROOT, "  %-8s ours' part of it: %.0f%% (target <= 50%%)  %s", backend,
					100 * oursRatio, oursRatio <= 0.5 ? "met" : "NOT MET"));
		}
		report.append(render(cache));
		report.append("\nTargets:\n").append(String.join("\n", verdicts)).append('\n');
		return report.toString();
	}

	/** The setups of the main table, each with the template cache setting it runs with. */
	private enum Variant {
		JUNIT_ALONE(Setup.NO_DATABASE, "off"),
		OURS_COLD(Setup.OURS, "off"),
		OURS_CACHED(Setup.OURS, "auto"),
		ROLLBACK_ONLY(Setup.ROLLBACK_ONLY, "off"),
		ROLLBACK_NEW_CONNECTION(Setup.ROLLBACK_NEW_CONNECTION, "off"),
		CLEAN_MIGRATE_TRUNCATE(Setup.CLEAN_MIGRATE_TRUNCATE, "off");

		final Setup setup;
		final String cache;

		Variant(Setup setup, String cache) {
			this.setup = setup;
			this.cache = cache;
		}
	}

	/**
	 * The run of median wall time of each variant. Every round runs each variant once, so that the machine's drift
	 * over the minutes a backend takes falls on all of them alike and not on whichever ran last.
	 */
	private Map<Variant, Run> mediansOfRounds(String backend) throws IOException, InterruptedException {
		Map<Variant, List<Run>> runs = new EnumMap<>(Variant.class);
		for (int round = 0; round < repetitions; round++) {
			for (Variant variant : Variant.values()) {
				runs.computeIfAbsent(variant, key -> new ArrayList<>()).add(fork(variant.setup, backend, variant.cache));
			}
		}
		Map<Variant, Run> medians = new EnumMap<>(Variant.class);
		runs.forEach((variant, all) -> {
			List<Run> sorted = new ArrayList<>(all);
			sorted.sort(Comparator.comparingLong(Run::wallNanos));
			medians.put(variant, sorted.get(sorted.size() / 2));
		});
		return medians;
	}

	private Run fork(Setup setup, String backend, String cache) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", absoluteClassPath() + File.pathSeparator + classpathRoot,
				"-Ddbundertest.backends=" + backend, "-Ddbundertest.postgres.provider=embedded",
				"-Ddbundertest.cache=" + cache, "-D" + SuiteServer.BACKEND_PROPERTY + "=" + backend,
				// the extension's own end-of-run summary is printed, and read below only for failures
				SuiteRun.class.getName(), setup.name()));
		System.err.println("[suite] " + setup.label + " on " + backend + " (cache " + cache + ")");
		Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		long exited = System.nanoTime();
		Matcher result = RESULT.matcher(output);
		if (exit != 0 || !result.find()) {
			throw new IllegalStateException("the suite run of " + setup + " on " + backend + " failed (exit " + exit
					+ "):\n" + output);
		}
		// until the JVM has exited: a server stopped by a shutdown hook, as ours is, is part of the run
		long untilExit = Long.parseLong(result.group(3)) + Math.max(0, exited - Long.parseLong(result.group(6)));
		return new Run(Integer.parseInt(result.group(1)), untilExit, Long.parseLong(result.group(4)),
				Long.parseLong(result.group(5)));
	}

	/** This JVM's class path with every entry absolute: the forked JVMs run in another folder. */
	private static String absoluteClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(entry -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	/** @param wallNanos from the launcher's start to the JVM's exit */
	private record Run(int tests, long wallNanos, long bodiesNanos, long firstTestNanos) {
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
	}

	private static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2f", ratio);
	}

	private static String render(TextTable table) {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		table.print(new PrintStream(buffer, true));
		return buffer.toString();
	}

}
