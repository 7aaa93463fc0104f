package io.github.dbundertest.benchmarks.sqlite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import io.github.dbundertest.benchmarks.harness.Samples;
import io.github.dbundertest.benchmarks.harness.TextTable;
import io.github.dbundertest.internal.reset.SqliteRestore;

/**
 * What our SQLite restore costs, and what it saves the connections that stay open across it. {@code SqliteRestore}
 * writes back the template's pages that differ and keeps SQLite's schema cookie while the schema is the template's;
 * in WAL mode it falls back to SQLite's backup API, which moves the cookie on every copy. Both are timed here, each
 * followed by the first query of a connection kept open across the restore (a pool of the code under test, or the
 * parity check's): with the cookie kept it reads only the pages it needs, with the cookie moved it also parses the
 * whole schema again and compiles its statement anew.
 */
public final class SqliteRestoreProfile {

	private static final int WARMUPS = 50;
	private static final int ROUNDS = 300;

	private SqliteRestoreProfile() {
	}

	public static String run(SqliteFixture fixture, PrintStream progress) throws IOException, SQLException {
		TextTable table = new TextTable("database in", "how ours restores it", "restore ms", "restore p95 ms",
				"kept connection's next query ms").rightAlign(2, 3, 4);
		measure(fixture, "DELETE", "page rewrite, schema cookie kept", table);
		measure(fixture, "WAL", "backup API, schema cookie moved", table);
		progress.println("[SQLite, " + fixture.plan().tables().size() + " tables] profiled our restore");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		table.print(new PrintStream(buffer, true));
		return "\nOur SQLite restore by journal mode: " + fixture.plan().tables().size() + " tables, template "
				+ describe(fixture.template()) + ", " + ROUNDS + " rounds after " + WARMUPS
				+ " warm-up, each after a committed test\n" + buffer;
	}

	private static void measure(SqliteFixture fixture, String journalMode, String how, TextTable table)
			throws IOException, SQLException {
		long[] restores = new long[ROUNDS];
		long[] nextQueries = new long[ROUNDS];
		Path database = fixture.newCopy();
		String firstTable = fixture.plan().tables().get(0).name();
		SqliteRestore restore = fixture.restoreOf(database);
		try (Connection test = SqliteFixture.connect(database); Connection kept = SqliteFixture.connect(database)) {
			try (Statement statement = test.createStatement()) {
				statement.execute("PRAGMA journal_mode = " + journalMode);
			}
			test.setAutoCommit(false);
			for (int round = -WARMUPS; round < ROUNDS; round++) {
				fixture.workload().insertRows(test);
				test.commit();
				long start = System.nanoTime();
				restore.reset();
				long restored = System.nanoTime();
				try (Statement statement = kept.createStatement();
						ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + firstTable)) {
					rows.next();
				}
				long queried = System.nanoTime();
				if (round >= 0) {
					restores[round] = restored - start;
					nextQueries[round] = queried - restored;
				}
			}
		}
		finally {
			restore.close();
			SqliteFixture.deleteDatabase(database);
		}
		Samples restoreSamples = new Samples(restores, WARMUPS);
		table.add("journal_mode=" + journalMode, how, fmt(restoreSamples.medianMillis()), fmt(restoreSamples.p95Millis()),
				fmt(new Samples(nextQueries, WARMUPS).medianMillis()));
	}

	private static String describe(Path template) throws IOException, SQLException {
		try (Connection connection = SqliteFixture.connect(template); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT page_count, page_size FROM pragma_page_count, pragma_page_size")) {
			rows.next();
			return rows.getInt(1) + " pages of " + rows.getInt(2) + " bytes (" + Files.size(template) / 1024 + " KiB)";
		}
	}

	private static String fmt(double millis) {
		return String.format(Locale.ROOT, "%.3f", millis);
	}
}
