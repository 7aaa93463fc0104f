package io.github.dbundertest.internal.parity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.dbundertest.internal.Queries;
import io.github.dbundertest.internal.SqliteFile;

/**
 * Finds, in a SQLite database after a test, the values that PostgreSQL would have refused or changed: SQLite
 * keeps any value in any column (type affinity), ignores {@code VARCHAR(n)} lengths and has no date type, so a
 * bug that fails on PostgreSQL at the {@code INSERT} passes on SQLite unseen.
 *
 * <p>Each column's declared type is read as PostgreSQL would read it: {@code INTEGER} as a 32-bit integer
 * ({@code SMALLINT} 16, {@code BIGINT} 64), {@code BOOLEAN}, {@code REAL}/{@code DOUBLE}, {@code NUMERIC}/{@code
 * DECIMAL}, {@code VARCHAR(n)}/{@code CHAR(n)}, {@code DATE}, {@code TIME}, {@code TIMESTAMP}; and a primary key
 * column, which PostgreSQL never lets be null.
 *
 * <p>An instance checks one database after every test, on a connection of its own, with one prepared statement
 * while the schema is the one it last saw: it reads the schema's text and asks, in a condition built from that
 * schema, whether any table holds such a value. Only if one does, it runs one query per table for a few rows of
 * examples each.
 */
public final class SqliteParityCheck implements AutoCloseable {

	private static final int EXAMPLES_PER_TABLE = 3;
	private static final Pattern LENGTH = Pattern.compile("CHAR(?:ACTER)?(?:\\s+VARYING)?\\s*\\(\\s*(\\d+)\\s*\\)");
	/** The integer types; not every type with "INT" in its name (INTERVAL, POINT) is one. */
	private static final Pattern INTEGER = Pattern.compile(
			"(?:TINY|SMALL|MEDIUM|BIG|UNSIGNED BIG )?INT(?:EGER|2|4|8)?(?:\\s*\\(.*\\))?");
	/** Everything a table's rules depend on, as text: any schema change changes it. */
	private static final String SCHEMA_TEXT = "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''),"
			+ " char(10)) FROM (SELECT * FROM sqlite_schema ORDER BY type, name)";

	private final Path database;
	private final Supplier<Connection> connections;
	private final Supplier<Set<String>> leaveOut;
	private Connection connection;
	/** The schema text that {@link #tables} and {@link #anyViolation} were built from. */
	private String schema;
	private List<TableRules> tables = List.of();
	/**
	 * Reads the schema's text and whether any table holds a value PostgreSQL would refuse (1, else 0), compiled
	 * once per schema: the reset keeps SQLite's schema cookie while the schema is the template's, so the statement
	 * stays compiled from test to test.
	 */
	private PreparedStatement anyViolation;
	/** Reads the database file's header. */
	private FileChannel header;

	/**
	 * @param database the database file to check
	 * @param connections opens a connection to the database to check, kept until {@link #close()}
	 * @param leaveOut the lines not to report (what the template itself holds), asked for only once something is
	 *        found
	 */
	public SqliteParityCheck(Path database, Supplier<Connection> connections, Supplier<Set<String>> leaveOut) {
		this.database = database;
		this.connections = connections;
		this.leaveOut = leaveOut;
	}

	/**
	 * The database file's change counter (bytes 24–27 of its header), which SQLite increments with every
	 * transaction that writes, so that an unchanged counter means no test wrote since it was read. Read through a
	 * file handle kept until {@link #close()}. Empty where it cannot be trusted: in WAL mode SQLite does not keep
	 * it, and a file that cannot be read tells nothing.
	 */
	public synchronized OptionalLong changeCounter() {
		if (SqliteFile.hasWriteAheadLog(database)) {
			return OptionalLong.empty();
		}
		try {
			if (header == null) {
				header = FileChannel.open(database, StandardOpenOption.READ);
			}
			ByteBuffer counter = ByteBuffer.allocate(4);
			if (header.read(counter, SqliteFile.CHANGE_COUNTER) != 4) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(Integer.toUnsignedLong(counter.flip().getInt()));
		}
		catch (IOException | RuntimeException e) {
			closeHeader();
			return OptionalLong.empty();
		}
	}

	/**
	 * What PostgreSQL would not have stored in the checked database, one line per value and at most
	 * {@value #EXAMPLES_PER_TABLE} per table, but for the lines to leave out; empty if nothing.
	 */
	public synchronized List<String> findViolations() throws SQLException {
		try {
			if (connection == null) {
				connection = connections.get();
			}
			Optional<Boolean> found = anyViolationInTheSchemaLastSeen();
			if (found.isEmpty()) {
				closeStatement();
				tables = rulesOf(connection);
				anyViolation = connection.prepareStatement("SELECT coalesce((" + SCHEMA_TEXT + "), ''), "
						+ anyViolationQuery(tables));
				try (ResultSet rows = anyViolation.executeQuery()) {
					rows.next();
					schema = rows.getString(1);
					found = Optional.of(rows.getInt(2) == 1);
				}
			}
			return found.get() ? examples(connection, tables, leaveOut.get(), EXAMPLES_PER_TABLE) : List.of();
		}
		catch (SQLException | RuntimeException e) {
			close(); // and start afresh next time: the schema the test left may be what failed
			throw e;
		}
	}

	/**
	 * Whether any table holds a value PostgreSQL would refuse, asked in one statement with the schema's text; empty
	 * if the schema is not the one the query was built from, or a table or column it names is gone.
	 */
	private Optional<Boolean> anyViolationInTheSchemaLastSeen() {
		if (schema == null) {
			return Optional.empty();
		}
		try (ResultSet rows = anyViolation.executeQuery()) {
			rows.next();
			return schema.equals(rows.getString(1)) ? Optional.of(rows.getInt(2) == 1) : Optional.empty();
		}
		catch (SQLException e) {
			return Optional.empty();
		}
	}

	/** Everything PostgreSQL would not have stored, one line per value; empty if nothing. */
	public static List<String> findViolations(Connection connection) throws SQLException {
		return examples(connection, rulesOf(connection), Set.of(), Integer.MAX_VALUE);
	}

	@Override
	public synchronized void close() {
		closeHeader();
		closeStatement();
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				// a connection that will not close is of no further use either way
			}
			connection = null;
		}
	}

	private void closeHeader() {
		if (header != null) {
			try {
				header.close();
			}
			catch (IOException e) {
				// read only; nothing to lose
			}
			header = null;
		}
	}

	private void closeStatement() {
		schema = null;
		if (anyViolation != null) {
			try {
				anyViolation.close();
			}
			catch (SQLException e) {
				// compiled against a schema that is gone; nothing to keep
			}
			anyViolation = null;
		}
	}

	/** A table with at least one rule, and the conditions and queries built from its rules. */
	private record TableRules(String table, List<Rule> rules) {

		String violationCondition() {
			StringBuilder condition = new StringBuilder();
			for (int i = 0; i < rules.size(); i++) {
				condition.append(i == 0 ? "" : " OR ").append("(").append(rules.get(i).violation).append(")");
			}
			return condition.toString();
		}

		String examplesQuery() {
			StringBuilder sql = new StringBuilder("SELECT ");
			for (int i = 0; i < rules.size(); i++) {
				Rule rule = rules.get(i);
				sql.append(i == 0 ? "" : ", ")
					.append("(").append(rule.violation).append("), quote(").append(quote(rule.column)).append("), typeof(")
					.append(quote(rule.column)).append(")");
			}
			return sql.append(" FROM ").append(quote(table)).append(" WHERE ").append(violationCondition()).toString();
		}
	}

	private static List<TableRules> rulesOf(Connection connection) throws SQLException {
		List<TableRules> tables = new ArrayList<>();
		for (String table : tables(connection)) {
			List<Rule> rules = rules(connection, table);
			if (!rules.isEmpty()) {
				tables.add(new TableRules(table, rules));
			}
		}
		return tables;
	}

	private static String anyViolationQuery(List<TableRules> tables) {
		if (tables.isEmpty()) {
			return "0";
		}
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < tables.size(); i++) {
			TableRules table = tables.get(i);
			sql.append(i == 0 ? "(" : " OR ").append("EXISTS (SELECT 1 FROM ").append(quote(table.table())).append(" WHERE ")
				.append(table.violationCondition()).append(")");
		}
		return sql.append(")").toString();
	}

	/**
	 * Up to {@code perTable} lines a table, not counting those to leave out: the rows are read until that many are
	 * found, since the lines left out may come first.
	 */
	private static List<String> examples(Connection connection, List<TableRules> tables, Set<String> leaveOut,
			int perTable) throws SQLException {
		List<String> violations = new ArrayList<>();
		for (TableRules table : tables) {
			List<Rule> rules = table.rules();
			int found = 0;
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(table.examplesQuery())) {
				while (found < perTable && rows.next()) {
					for (int i = 0; i < rules.size() && found < perTable; i++) {
						if (rows.getInt(3 * i + 1) == 1) {
							Rule rule = rules.get(i);
							String line = table.table() + "." + rule.column + " (" + rule.declared + ") holds "
									+ rows.getString(3 * i + 2) + " (" + rows.getString(3 * i + 3) + "): " + rule.postgres;
							if (!leaveOut.contains(line)) {
								violations.add(line);
								found++;
							}
						}
					}
				}
			}
		}
		return violations;
	}

	private static List<String> tables(Connection connection) throws SQLException {
		// Flyway's history is Flyway's own, written by the migrations alone (the extension runs Flyway with its
		// default table name)
		return Queries.firstColumn(connection, "SELECT name FROM sqlite_schema WHERE type = 'table'"
				+ " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'flyway_schema_history' ORDER BY name");
	}

	/** @param violation an SQL condition that is 1 where the column holds what PostgreSQL would refuse */
	private record Rule(String column, String declared, String violation, String postgres) {
	}

	private static List<Rule> rules(Connection connection, String table) throws SQLException {
		List<Rule> rules = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet columns = statement.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
			while (columns.next()) {
				String column = columns.getString("name");
				String declared = columns.getString("type") == null ? "" : columns.getString("type");
				boolean primaryKey = columns.getInt("pk") > 0;
				rules.addAll(rulesFor(quote(column), column, declared, primaryKey));
				if (primaryKey && !declared.toUpperCase(Locale.ROOT).equals("INTEGER")) {
					// only an INTEGER PRIMARY KEY is the rowid; SQLite lets any other key column be null
					rules.add(new Rule(column, declared + " PRIMARY KEY", quote(column) + " IS NULL",
							"PostgreSQL refuses null in a primary key column"));
				}
			}
		}
		return rules;
	}

	private static List<Rule> rulesFor(String value, String column, String declared, boolean primaryKey) {
		String type = declared.toUpperCase(Locale.ROOT);
		String kind = "typeof(" + value + ")";
		if (type.contains("BOOL")) {
			return List.of(new Rule(column, declared, value + " IS NOT NULL AND NOT (" + kind + " = 'integer' AND " + value
					+ " IN (0, 1))", "PostgreSQL's boolean holds only true and false"));
		}
		if (INTEGER.matcher(type).matches()) {
			if (primaryKey && type.equals("INTEGER")) {
				return List.of(); // the rowid: SQLite itself refuses anything but an integer
			}
			String name = type.contains("SMALL") || type.equals("INT2") ? "smallint"
					: type.contains("BIG") || type.equals("INT8") ? "bigint" : "integer";
			List<Rule> rules = new ArrayList<>(List.of(
					new Rule(column, declared, kind + " IN ('text', 'blob')", "PostgreSQL's " + name + " refuses text"),
					new Rule(column, declared, kind + " = 'real'", "PostgreSQL's " + name + " would round it to a whole number")));
			if (!name.equals("bigint")) {
				long limit = name.equals("smallint") ? Short.MAX_VALUE : Integer.MAX_VALUE;
				rules.add(new Rule(column, declared, kind + " = 'integer' AND " + value + " NOT BETWEEN " + (-limit - 1)
						+ " AND " + limit, "out of range for PostgreSQL's " + name + " (" + (name.equals("smallint") ? 16 : 32)
								+ " bits)"));
			}
			return rules;
		}
		Matcher length = LENGTH.matcher(type);
		if (length.find()) {
			return List.of(new Rule(column, declared, "length(" + value + ") > " + length.group(1),
					"PostgreSQL refuses a value longer than " + length.group(1) + " characters"));
		}
		if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") || type.contains("NUMERIC")
				|| type.contains("DECIMAL")) {
			return List.of(new Rule(column, declared, kind + " IN ('text', 'blob')", "PostgreSQL refuses text in a number column"));
		}
		if (type.contains("TIMESTAMP") || type.contains("DATETIME")) {
			return List.of(new Rule(column, declared, value + " IS NOT NULL AND (" + kind + " <> 'text' OR datetime(" + value
					+ ") IS NULL)", "PostgreSQL's timestamp takes ISO 8601 text like '2024-05-01 13:45:00', no number"));
		}
		if (type.contains("DATE")) {
			return List.of(new Rule(column, declared, value + " IS NOT NULL AND (" + kind + " <> 'text' OR date(" + value
					+ ") IS NULL)", "PostgreSQL's date takes a real day as text like '2024-05-01', no number"));
		}
		if (type.startsWith("TIME")) {
			return List.of(new Rule(column, declared, value + " IS NOT NULL AND (" + kind + " <> 'text' OR time(" + value
					+ ") IS NULL)", "PostgreSQL's time takes text like '13:45:00', no number"));
		}
		return List.of();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}
}
