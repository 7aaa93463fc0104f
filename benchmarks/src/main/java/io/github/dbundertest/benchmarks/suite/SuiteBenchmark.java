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
 * <p>Each run is a JVM of its own ({@link SuiteRun}). What a setup adds is the suite's wall time less what the test
 * work itself costs, taken as the time inside the test bodies of the clean + migrate + truncate setup: the same
 * inserts and commits, on a connection kept warm, to tables without triggers. So ours is also charged for what
 * its fresh connection per test and its change tracking cost inside the tests. What it adds includes server
 * start, migrations, databases, resets, and JUnit's own bookkeeping, which is the same for all three. The
 * first-test time is from the launcher's start to the first test body.
 */
public final class SuiteBenchmark {

	private static final Pattern RESULT = Pattern.compile(SuiteRun.RESULT
			+ " tests=(\\d+) failed=(\\d+) wall_ns=(\\d+) bodies_ns=(\\d+) first_test_ns=(-?\\d+)");

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
				+ repetitions + " runs, each in a JVM of its own, PostgreSQL embedded.\n\n");
		TextTable table = new TextTable("backend", "setup", "tests", "suite s", "in the tests s", "added s", "x ours")
			.rightAlign(2, 3, 4, 5, 6);
		List<String> verdicts = new ArrayList<>();
		for (String backend : List.of("sqlite", "postgres")) {
			Map<Setup, Run> runs = new LinkedHashMap<>();
			for (Setup setup : Setup.values()) {
				runs.put(setup, median(setup, backend, "off"));
			}
			// the test work itself: committing the rows on a warm connection to tables without triggers. Measuring
			// every setup against it charges ours for what its connections and change tracking cost inside the tests
			long baseline = runs.get(Setup.CLEAN_MIGRATE_TRUNCATE).bodiesNanos;
			double ours = runs.get(Setup.OURS).addedSeconds(baseline);
			runs.forEach((setup, run) -> table.add(backend, setup.label, String.valueOf(run.tests), seconds(run.wallNanos),
					seconds(run.bodiesNanos), seconds(run.wallNanos - baseline), ratio(run.addedSeconds(baseline) / ours)));
			double rollback = runs.get(Setup.ROLLBACK_ONLY).addedSeconds(baseline);
			double truncate = runs.get(Setup.CLEAN_MIGRATE_TRUNCATE).addedSeconds(baseline);
			verdicts.add(String.format(Locale.ROOT, "  %-8s ours adds %.2fx what rollback only adds (target <= 1.5)  %s",
					backend, ours / rollback, ours / rollback <= 1.5 ? "met" : "NOT MET"));
			verdicts.add(String.format(Locale.ROOT,
					"  %-8s clean + migrate + truncate adds %.1fx what ours adds (target >= 10)  %s", backend,
					truncate / ours, truncate / ours >= 10 ? "met" : "NOT MET"));
		}
		report.append(render(table));

		report.append("\nTime to the first test, ours, with the template cache (dbundertest.cache=auto): the first run"
				+ " finds the cache empty, the second finds the template it left.\n\n");
		TextTable cache = new TextTable("backend", "first run s", "second run s", "second / first").rightAlign(1, 2, 3);
		for (String backend : List.of("sqlite", "postgres")) {
			List<Long> cold = new ArrayList<>();
			List<Long> warm = new ArrayList<>();
			for (int i = 0; i < repetitions; i++) {
				Folders.deleteRecursively(workingDirectory.resolve("target"));
				Files.createDirectories(workingDirectory.resolve("target"));
				cold.add(fork(Setup.OURS, backend, "auto").firstTestNanos);
				warm.add(fork(Setup.OURS, backend, "auto").firstTestNanos);
			}
			double ratio = (double) median(warm) / median(cold);
			cache.add(backend, seconds(median(cold)), seconds(median(warm)), ratio(ratio));
			verdicts.add(String.format(Locale.ROOT, "  %-8s second run's first test after %.0f%% of the first's"
					+ " (target <= 50%%)  %s", backend, 100 * ratio, ratio <= 0.5 ? "met" : "NOT MET"));
		}
		report.append(render(cache));
		report.append("\nTargets:\n").append(String.join("\n", verdicts)).append('\n');
		return report.toString();
	}

	private Run median(Setup setup, String backend, String cache) throws IOException, InterruptedException {
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < repetitions; i++) {
			runs.add(fork(setup, backend, cache));
		}
		runs.sort(Comparator.comparingLong(Run::wallNanos));
		return runs.get(runs.size() / 2);
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
		Matcher result = RESULT.matcher(output);
		if (exit != 0 || !result.find()) {
			throw new IllegalStateException("the suite run of " + setup + " on " + backend + " failed (exit " + exit
					+ "):\n" + output);
		}
		return new Run(Integer.parseInt(result.group(1)), Long.parseLong(result.group(3)), Long.parseLong(result.group(4)),
				Long.parseLong(result.group(5)));
	}

	/** This JVM's class path with every entry absolute: the forked JVMs run in another folder. */
	private static String absoluteClassPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(entry -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}

	private record Run(int tests, long wallNanos, long bodiesNanos, long firstTestNanos) {

		double addedSeconds(long baselineNanos) {
			return (wallNanos - baselineNanos) / 1e9;
		}
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
