package io.github.dbundertest.benchmarks.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What "equal to the template" means here: every table's row count and a digest of its rows (ordered by id), and
 * every sequence's position. Read outside the timed loop, so it may be thorough.
 *
 * @param tables table name to "count:digest"
 * @param sequences sequence name to its position ({@code last_value}, or "not called")
 */
public record DatabaseState(Map<String, String> tables, Map<String, String> sequences) {

	/**
	 * Flyway's history table is compared by row count only: a strategy that migrates again writes new
	 * {@code installed_on} and {@code execution_time} values, which no test can observe as a difference.
	 */
	private static final String FLYWAY_HISTORY = "flyway_schema_history";

	public static DatabaseState ofPostgres(Connection connection) throws SQLException {
		List<String> tableNames = strings(connection,
				"SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
		Map<String, String> sequences = pairs(connection, "SELECT sequencename, coalesce(last_value::text, 'not called')"
				+ " FROM pg_sequences WHERE schemaname = 'public'");
		return new DatabaseState(tables(connection, tableNames), sequences);
	}

	public static DatabaseState ofSqlite(Connection connection) throws SQLException {
		List<String> tableNames = strings(connection,
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1");
		// AUTOINCREMENT's counters live in sqlite_sequence, the SQLite counterpart of sequences
		Map<String, String> sequences = pairs(connection, "SELECT name, seq FROM sqlite_sequence");
		return new DatabaseState(tables(connection, tableNames), sequences);
	}

	private static Map<String, String> tables(Connection connection, List<String> names) throws SQLException {
		Map<String, String> tables = new TreeMap<>();
		for (String name : names) {
			tables.put(name, describeRows(connection, name));
		}
		return tables;
	}

	private static String describeRows(Connection connection, String table) throws SQLException {
		MessageDigest digest = sha256();
		int count = 0;
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				count++;
				for (int column = 1; column <= columns; column++) {
					digest.update(String.valueOf(rows.getString(column)).getBytes(StandardCharsets.UTF_8));
					digest.update((byte) 0);
				}
			}
		}
		String rowDigest = table.equals(FLYWAY_HISTORY) ? "not compared" : HexFormat.of().formatHex(digest.digest(), 0, 8);
		return count + ":" + rowDigest;
	}

	/** What differs from {@code template}, one line per difference; empty when equal. */
	public StateComparison compareTo(DatabaseState template) {
		List<String> differences = new ArrayList<>();
		int tablesDiffering = differ(template.tables, tables, "table", differences);
		int sequencesDiffering = differ(template.sequences, sequences, "sequence", differences);
		return new StateComparison(tablesDiffering, sequencesDiffering, differences);
	}

	private static int differ(Map<String, String> expected, Map<String, String> actual, String kind, List<String> out) {
		int count = 0;
		TreeMap<String, String> all = new TreeMap<>(expected);
		actual.forEach(all::putIfAbsent);
		for (String name : all.keySet()) {
			String want = expected.get(name);
			String have = actual.get(name);
			if (want == null ? have != null : !want.equals(have)) {
				count++;
				out.add(kind + " " + name + ": " + have + ", template " + want);
			}
		}
		return count;
	}

	private static List<String> strings(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static Map<String, String> pairs(Connection connection, String sql) throws SQLException {
		Map<String, String> values = new TreeMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.put(rows.getString(1), rows.getString(2));
			}
		}
		return values;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JVM has SHA-256", e);
		}
	}
}
