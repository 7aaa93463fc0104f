package io.github.dbundertest.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.dbundertest.benchmarks.harness.RepetitionPolicy;

/**
 * Command-line options; the defaults are the full run the README documents.
 *
 * @param tables the schema sizes, for every backend
 * @param backends which of {@code sqlite}, {@code embedded}, {@code external} to run
 * @param externalHost the external PostgreSQL server, host:port; skipped with a note if it cannot be reached
 * @param externalUser its user (a superuser, so that ours can switch triggers off as the extension does)
 * @param policy how many resets to time
 * @param profile whether to break our restores down into their parts after the table
 * @param suiteRuns how often to run each setup of the whole-suite benchmark (0: not at all)
 */
record Options(List<Integer> tables, Set<String> backends, String externalHost, String externalUser,
		RepetitionPolicy policy, boolean profile, int suiteRuns) {

	static final String USAGE = """
			Usage: java -jar benchmarks/target/dbundertest-benchmarks.jar [options]
			  --tables=12,50,200                 schema sizes (tables), for every backend
			  --backends=sqlite,embedded,external which backends to measure
			  --external=127.0.0.1:5432          the external PostgreSQL server (password: PGPASSWORD)
			  --external-user=postgres           a superuser there; databases are named bench_<pid>_* and dropped
			  --budget=10                        seconds of resets per strategy and size, for the slow ones
			  --min-reps=15 --max-reps=200       bounds on the timed resets per strategy and size
			  --no-profile                       skip the breakdown of our restores
			  --suite-runs=5                     runs per setup of the whole-suite benchmark; 0 skips it
			""";

	static Options parse(String[] arguments) {
		List<Integer> tables = List.of(12, 50, 200);
		Set<String> backends = Set.of("sqlite", "embedded", "external");
		String externalHost = "127.0.0.1:5432";
		String externalUser = "postgres";
		int budget = 10;
		int minimum = 15;
		int maximum = 200;
		boolean profile = true;
		int suiteRuns = 5;
		for (String argument : arguments) {
			String[] parts = argument.split("=", 2);
			String value = parts.length == 2 ? parts[1] : "";
			switch (parts[0]) {
			case "--tables" -> tables = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
			case "--backends" -> backends = Set.of(value.split(","));
			case "--external" -> externalHost = value;
			case "--external-user" -> externalUser = value;
			case "--budget" -> budget = Integer.parseInt(value);
			case "--min-reps" -> minimum = Integer.parseInt(value);
			case "--max-reps" -> maximum = Integer.parseInt(value);
			case "--no-profile" -> profile = false;
			case "--suite-runs" -> suiteRuns = Integer.parseInt(value);
			default -> throw new IllegalArgumentException("unknown option " + argument + "\n" + USAGE);
			}
		}
		return new Options(tables, backends, externalHost, externalUser,
				new RepetitionPolicy(Duration.ofSeconds(budget), minimum, maximum), profile, suiteRuns);
	}

	boolean runs(String backend) {
		return backends.contains(backend);
	}
}
