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
import java.util.List;
import java.util.Locale;

import io.github.dbundertest.benchmarks.harness.Samples;
import io.github.dbundertest.benchmarks.harness.TextTable;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Where our SQLite restore spends its time: the write-lock probe ({@code BEGIN IMMEDIATE; ROLLBACK}) and the
 * backup-API copy, the two steps {@code SqliteRestore} runs, timed apart, with the restoring connection in each
 * journal mode. The journal mode {@code SqliteRestore} itself sets is whatever the main table's "ours" row ran
 * with; these rows only show what each mode costs.
 */
public final class SqliteRestoreProfile {

	private static final int WARMUPS = 50;
	private static final int ROUNDS = 300;

	/**
	 * The journal modes tried on the restoring connection. OFF keeps no journal at all: a restore that fails
	 * midway leaves a corrupt file, which only a rebuild from the template repairs.
	 */
	private static final List<String> JOURNAL_MODES = List.of("DELETE", "TRUNCATE", "PERSIST", "MEMORY", "OFF");

	private SqliteRestoreProfile() {
	}

	public static String run(SqliteFixture fixture, PrintStream progress) throws IOException, SQLException {
		TextTable table = new TextTable("restoring connection in", "lock probe ms", "backup copy ms", "both ms",
				"both p95 ms").rightAlign(1, 2, 3, 4);
		for (String journalMode : JOURNAL_MODES) {
			measure(fixture, journalMode, table);
		}
		progress.println("[SQLite, " + fixture.plan().tables().size() + " tables] profiled our restore");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		table.print(new PrintStream(buffer, true));
		return "\nOur SQLite restore in pieces: " + fixture.plan().tables().size() + " tables, template "
				+ describe(fixture.template()) + ", " + ROUNDS + " rounds after " + WARMUPS
				+ " warm-up, each after a committed test\n" + buffer;
	}

	private static void measure(SqliteFixture fixture, String journalMode, TextTable table) throws IOException, SQLException {
		long[] probe = new long[ROUNDS];
		long[] copy = new long[ROUNDS];
		long[] both = new long[ROUNDS];
		Path database = fixture.newCopy();
		try (Connection test = SqliteFixture.connect(database); Connection restore = SqliteFixture.connect(database);
				Statement statement = restore.createStatement()) {
			test.setAutoCommit(false);
			statement.execute("PRAGMA busy_timeout = 2000"); // as SqliteRestore
			statement.execute("PRAGMA journal_mode = " + journalMode);
			String template = fixture.template().toAbsolutePath().toString();
			for (int round = -WARMUPS; round < ROUNDS; round++) {
				fixture.workload().insertRows(test);
				test.commit();
				long start = System.nanoTime();
				statement.execute("BEGIN IMMEDIATE");
				statement.execute("ROLLBACK");
				long locked = System.nanoTime();
				int result = restore.unwrap(SQLiteConnection.class).getDatabase().restore("main", template, null);
				long end = System.nanoTime();
				if (result != SQLiteErrorCode.SQLITE_OK.code) {
					throw new SQLException("restore failed: " + SQLiteErrorCode.getErrorCode(result));
				}
				if (round >= 0) {
					probe[round] = locked - start;
					copy[round] = end - locked;
					both[round] = end - start;
				}
			}
		}
		finally {
			SqliteFixture.deleteDatabase(database);
		}
		table.add("journal_mode=" + journalMode + (journalMode.equals("DELETE") ? " (SQLite's default)" : ""), fmt(new Samples(probe, WARMUPS).medianMillis()),
				fmt(new Samples(copy, WARMUPS).medianMillis()), fmt(new Samples(both, WARMUPS).medianMillis()),
				fmt(new Samples(both, WARMUPS).p95Millis()));
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
