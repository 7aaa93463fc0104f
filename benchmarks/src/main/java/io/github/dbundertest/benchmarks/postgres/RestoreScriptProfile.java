package io.github.dbundertest.benchmarks.postgres;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import io.github.dbundertest.benchmarks.harness.Samples;
import io.github.dbundertest.benchmarks.harness.TextTable;
import io.github.dbundertest.benchmarks.postgres.RestorePieces.Piece;
import io.github.dbundertest.internal.reset.PostgresSnapshot;

/**
 * Where our PostgreSQL restore spends its time: the restore cut into {@link RestorePieces} (a round trip each),
 * the whole restore call in one round trip, and a bare round trip for comparison, all after a committed test, as
 * in the main table. The pieces run in order inside one transaction, as the real restore does.
 */
public final class RestoreScriptProfile {

	private static final int WARMUPS = 20;
	private static final int ROUNDS = 100;

	private RestoreScriptProfile() {
	}

	public static String run(PostgresServerHandle server, PostgresFixture fixture, PrintStream progress)
			throws SQLException {
		String title = "\nOur PostgreSQL restore in pieces: " + server.label() + ", " + fixture.plan().tables().size()
				+ " tables (+ flyway_schema_history)";
		PostgresSnapshot snapshot = fixture.snapshot();
		List<Piece> pieces;
		try {
			pieces = RestorePieces.of(snapshot);
		}
		catch (RuntimeException e) {
			return title + ": skipped, " + e.getMessage() + "\n";
		}
		long[][] timings = new long[pieces.size()][ROUNDS];
		long[] whole = new long[ROUNDS];
		long[] roundTrip = new long[ROUNDS];
		String copy = fixture.newCopy();
		try (Connection test = fixture.connect(copy); Connection restore = fixture.connect(copy);
				Statement statement = restore.createStatement()) {
			test.setAutoCommit(false);
			statement.execute(snapshot.installFunction());
			for (Piece piece : pieces) {
				if (piece.install() != null) {
					statement.execute(piece.install());
				}
			}
			for (int round = -WARMUPS; round < ROUNDS; round++) {
				fixture.workload().insertRows(test);
				test.commit();
				for (int i = 0; i < pieces.size(); i++) {
					long nanos = time(statement, pieces.get(i).call());
					if (round >= 0) {
						timings[i][round] = nanos;
					}
				}
				fixture.workload().insertRows(test);
				test.commit();
				long wholeNanos = time(statement, snapshot.restoreCall());
				long roundTripNanos = time(statement, "SELECT 1");
				if (round >= 0) {
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
				+ render(pieces, timings, whole, roundTrip);
	}

	private static long time(Statement statement, String sql) throws SQLException {
		long start = System.nanoTime();
		statement.execute(sql);
		return System.nanoTime() - start;
	}

	private static String render(List<Piece> pieces, long[][] timings, long[] whole, long[] roundTrip) {
		double sum = 0;
		for (int i = 0; i < pieces.size(); i++) {
			sum += pieces.get(i).detail() ? 0 : new Samples(timings[i], WARMUPS).medianMillis();
		}
		TextTable table = new TextTable("piece (one round trip each)", "statements", "median ms", "p95 ms", "share")
			.rightAlign(1, 2, 3, 4);
		for (int i = 0; i < pieces.size(); i++) {
			Samples samples = new Samples(timings[i], WARMUPS);
			table.add(pieces.get(i).label(), String.valueOf(pieces.get(i).statements()), fmt(samples.medianMillis()),
					fmt(samples.p95Millis()), String.format(Locale.ROOT, "%.0f%%", 100 * samples.medianMillis() / sum));
		}
		table.separator();
		table.add("sum of the pieces (parts not counted)", "", fmt(sum), "", "100%");
		Samples wholeSamples = new Samples(whole, WARMUPS);
		table.add("the restore call, one round trip", "", fmt(wholeSamples.medianMillis()),
				fmt(wholeSamples.p95Millis()), "");
		Samples roundTripSamples = new Samples(roundTrip, WARMUPS);
		table.add("SELECT 1, a bare round trip", "1", fmt(roundTripSamples.medianMillis()),
				fmt(roundTripSamples.p95Millis()), "");
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		table.print(new PrintStream(buffer, true));
		return buffer.toString();
	}

	private static String fmt(double millis) {
		return String.format(Locale.ROOT, "%.3f", millis);
	}
}
