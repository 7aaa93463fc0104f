package io.github.dbundertest.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.dbundertest.benchmarks.harness.Folders;
import io.github.dbundertest.benchmarks.harness.Contest;
import io.github.dbundertest.benchmarks.harness.Sampler;
import io.github.dbundertest.benchmarks.postgres.BenchDatabases;
import io.github.dbundertest.benchmarks.postgres.PostgresCandidates;
import io.github.dbundertest.benchmarks.postgres.PostgresFixture;
import io.github.dbundertest.benchmarks.postgres.PostgresServerHandle;
import io.github.dbundertest.benchmarks.postgres.RestoreScriptProfile;
import io.github.dbundertest.benchmarks.suite.SuiteBenchmark;
import io.github.dbundertest.benchmarks.sqlite.SqliteCandidates;
import io.github.dbundertest.benchmarks.sqlite.SqliteFixture;
import io.github.dbundertest.benchmarks.sqlite.SqliteRestoreProfile;

/**
 * How long it takes to get a database back to its migrated-and-seeded state after a test that committed: the
 * extension's reset strategies against the usual alternatives, on SQLite and PostgreSQL, for several schema sizes.
 * Progress goes to stderr, the report to stdout. See benchmarks/README.md.
 */
public final class ResetBenchmark {

	/** Flyway logs a line per migration through java.util.logging: hundreds of them would bury the table. */
	private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

	private final Options options;
	private final Environment environment = new Environment();
	private final Report report = new Report();
	private final List<String> profiles = new ArrayList<>();
	private final Contest contest;
	private final PrintStream progress = System.err;

	private ResetBenchmark(Options options) {
		this.options = options;
		this.contest = new Contest(new Sampler(options.policy()), progress);
	}

	public static void main(String[] arguments) throws Exception {
		if (List.of(arguments).contains("--help")) {
			System.out.print(Options.USAGE);
			return;
		}
		FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
		new ResetBenchmark(Options.parse(arguments)).run();
	}

	private void run() throws Exception {
		long started = System.nanoTime();
		Instant start = Instant.now();
		Path folder = Files.createTempDirectory("dbundertest-benchmarks");
		try {
			if (options.runs("sqlite")) {
				runSqlite(folder.resolve("sqlite"));
			}
			if (options.runs("embedded")) {
				progress.println("Starting the embedded PostgreSQL server with the extension's settings ...");
				try (PostgresServerHandle server = PostgresServerHandle.embedded()) {
					runPostgres(server, folder.resolve("embedded"));
				}
			}
			if (options.runs("external")) {
				runExternal(folder.resolve("external"));
			}
		}
		finally {
			Folders.deleteRecursively(folder);
		}
		PrintStream out = System.out;
		out.println();
		out.println("dbundertest reset benchmark, " + start);
		environment.print(out);
		out.println("Each reset follows a test that inserted 50 rows into 5 tables (10 each) and, except for 'rollback only',");
		out.println("committed them. Times are of the reset alone; 'x ours' is the median over ours on the same backend and size.");
		out.println();
		report.print(out);
		profiles.forEach(out::print);
		if (options.suiteRuns() > 0) {
			out.print(SuiteBenchmark.run(options.suiteRuns()));
		}
		out.printf(Locale.ROOT, "%nWhole run: %.1f s%n", (System.nanoTime() - started) / 1e9);
	}

	private void runSqlite(Path folder) throws IOException, SQLException {
		environment.addSqlite();
		for (int tables : options.tables()) {
			SqliteFixture fixture = SqliteFixture.build(tables, folder);
			report.addAll(contest.run("SQLite", tables, fixture.templateState(), SqliteCandidates.all(fixture)));
			if (options.profile()) {
				profiles.add(SqliteRestoreProfile.run(fixture, progress));
			}
		}
	}

	private void runExternal(Path folder) throws IOException, SQLException {
		String[] hostAndPort = options.externalHost().split(":");
		PostgresServerHandle server;
		try {
			server = PostgresServerHandle.external(hostAndPort[0], Integer.parseInt(hostAndPort[1]),
					options.externalUser(), System.getenv("PGPASSWORD"));
		}
		catch (SQLException e) {
			progress.println("Skipping the external server " + options.externalHost() + ": " + e.getMessage());
			environment.add("PG external", options.externalHost() + ": not reachable, skipped (" + e.getMessage() + ")");
			return;
		}
		try (server) {
			runPostgres(server, folder);
		}
	}

	private void runPostgres(PostgresServerHandle server, Path folder) throws IOException, SQLException {
		environment.add(server.label(), server.address() + ", " + server.settings());
		try (BenchDatabases databases = new BenchDatabases(server)) {
			for (int tables : options.tables()) {
				progress.println("[" + server.label() + ", " + tables + " tables] building the template ...");
				try (PostgresFixture fixture = PostgresFixture.build(server, databases, tables, folder)) {
					report.addAll(contest.run(server.label(), tables, fixture.templateState(),
							PostgresCandidates.all(fixture)));
					if (options.profile()) {
						profiles.add(RestoreScriptProfile.run(server, fixture, progress));
					}
				}
			}
		}
	}

}
