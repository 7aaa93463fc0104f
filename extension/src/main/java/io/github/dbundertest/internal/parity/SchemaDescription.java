package io.github.dbundertest.internal.parity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.dbundertest.internal.Queries;
import io.github.dbundertest.internal.reset.ChangeTracking;

/**
 * What a migrated database's schema amounts to, in terms both backends share, so that the schemas the SQLite and
 * the PostgreSQL migrations produce can be compared: tables; columns with their type family and nullability;
 * primary, foreign and unique keys; indexes. Names are compared in lower case, as PostgreSQL folds unquoted ones.
 * Flyway's history table and the extension's own objects are left out.
 *
 * @param tables by name
 */
public record SchemaDescription(Map<String, Table> tables) {

	/**
	 * @param family the type's family: {@code integer}, {@code decimal}, {@code text}, {@code boolean},
	 *        {@code date}, {@code time}, {@code timestamp}, {@code binary}, {@code json}, {@code uuid},
	 *        {@code array}, else the type's own name
	 * @param declared the type as the database states it
	 */
	public record Column(String family, String declared, boolean nullable) {
	}

	/** Keys and indexes are described by their columns, e.g. {@code (ticket_id, tag)}; names differ too easily. */
	public record Table(Map<String, Column> columns, String primaryKey, TreeSet<String> foreignKeys,
			TreeSet<String> uniqueKeys, TreeSet<String> indexes) {
	}

	private static final String FLYWAY_HISTORY = "flyway_schema_history";

	public static SchemaDescription ofSqlite(Connection connection) throws SQLException {
		Map<String, Table> tables = new TreeMap<>();
		for (String name : Queries.firstColumn(connection, "SELECT name FROM sqlite_schema WHERE type = 'table'"
				+ " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND lower(name) <> '" + FLYWAY_HISTORY + "'")) {
			String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
			Map<String, Column> columns = new LinkedHashMap<>();
			TreeMap<Integer, String> key = new TreeMap<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("PRAGMA table_info(" + quoted + ")")) {
				while (rows.next()) {
					String column = rows.getString("name").toLowerCase(Locale.ROOT);
					String declared = rows.getString("type") == null ? "" : rows.getString("type");
					int keyPosition = rows.getInt("pk");
					boolean rowid = keyPosition > 0 && declared.equalsIgnoreCase("INTEGER");
					columns.put(column, new Column(family(declared), declared, rows.getInt("notnull") == 0 && !rowid));
					if (keyPosition > 0) {
						key.put(keyPosition, column);
					}
				}
			}
			TreeSet<String> foreignKeys = new TreeSet<>();
			Map<Integer, List<String[]>> references = new TreeMap<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("PRAGMA foreign_key_list(" + quoted + ")")) {
				while (rows.next()) {
					references.computeIfAbsent(rows.getInt("id"), id -> new ArrayList<>()).add(new String[] {
							rows.getString("from"), rows.getString("table"), rows.getString("to") });
				}
			}
			for (List<String[]> reference : references.values()) {
				foreignKeys.add(list(reference.stream().map(parts -> parts[0]).toList()) + " references "
						+ reference.get(0)[1].toLowerCase(Locale.ROOT));
			}
			TreeSet<String> uniqueKeys = new TreeSet<>();
			TreeSet<String> indexes = new TreeSet<>();
			List<String[]> indexList = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("PRAGMA index_list(" + quoted + ")")) {
				while (rows.next()) {
					indexList.add(new String[] { rows.getString("name"), rows.getString("unique"), rows.getString("origin") });
				}
			}
			for (String[] index : indexList) {
				if (index[2].equals("pk")) {
					continue;
				}
				List<String> indexed = new ArrayList<>();
				try (Statement statement = connection.createStatement();
						ResultSet rows = statement.executeQuery("PRAGMA index_xinfo(\"" + index[0].replace("\"", "\"\"") + "\")")) {
					while (rows.next()) {
						if (rows.getInt("key") == 1) {
							indexed.add(rows.getInt("cid") == -2 ? "(expression)" : rows.getString("name"));
						}
					}
				}
				(index[1].equals("1") ? uniqueKeys : indexes).add(list(indexed));
			}
			tables.put(name.toLowerCase(Locale.ROOT), new Table(columns, key.isEmpty() ? "" : list(List.copyOf(key.values())),
					foreignKeys, uniqueKeys, indexes));
		}
		return new SchemaDescription(tables);
	}

	/** The tables of the current schema (the search path's first), as PostgreSQL's catalogs state them. */
	public static SchemaDescription ofPostgres(Connection connection) throws SQLException {
		String userTables = "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema()"
				+ " AND n.nspname <> '" + ChangeTracking.SCHEMA + "' AND c.relname <> '" + FLYWAY_HISTORY + "'";
		Map<String, Table> tables = new TreeMap<>();
		Map<Long, String> names = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(userTables)) {
			while (rows.next()) {
				names.put(rows.getLong(1), rows.getString(2));
			}
		}
		for (Map.Entry<Long, String> table : names.entrySet()) {
			long oid = table.getKey();
			Map<String, Column> columns = new LinkedHashMap<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT attname, format_type(atttypid, atttypmod), NOT attnotnull,"
							+ " (SELECT typcategory FROM pg_type WHERE oid = atttypid)"
							+ " FROM pg_attribute WHERE attrelid = " + oid + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
				while (rows.next()) {
					String declared = rows.getString(2);
					columns.put(rows.getString(1), new Column(rows.getString(4).equals("A") ? "array" : family(declared),
							declared, rows.getBoolean(3)));
				}
			}
			String primaryKey = "";
			TreeSet<String> foreignKeys = new TreeSet<>();
			TreeSet<String> uniqueKeys = new TreeSet<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT contype,"
							+ " (SELECT string_agg(attname, ', ' ORDER BY k.ord) FROM unnest(conkey) WITH ORDINALITY k(num, ord)"
							+ "  JOIN pg_attribute ON attrelid = conrelid AND attnum = k.num),"
							+ " (SELECT relname FROM pg_class WHERE oid = confrelid)"
							+ " FROM pg_constraint WHERE conrelid = " + oid + " AND contype IN ('p', 'f', 'u')")) {
				while (rows.next()) {
					String keyColumns = "(" + rows.getString(2) + ")";
					switch (rows.getString(1)) {
						case "p" -> primaryKey = keyColumns;
						case "u" -> uniqueKeys.add(keyColumns);
						default -> foreignKeys.add(keyColumns + " references " + rows.getString(3));
					}
				}
			}
			TreeSet<String> indexes = new TreeSet<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT i.indisunique,"
							+ " (SELECT string_agg(CASE WHEN k.num = 0 THEN '(expression)' ELSE a.attname END, ', ' ORDER BY k.ord)"
							+ "  FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)"
							+ "  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num)"
							+ " FROM pg_index i WHERE i.indrelid = " + oid + " AND NOT i.indisprimary"
							+ " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")) {
				while (rows.next()) {
					(rows.getBoolean(1) ? uniqueKeys : indexes).add("(" + rows.getString(2) + ")");
				}
			}
			tables.put(table.getValue(), new Table(columns, primaryKey, foreignKeys, uniqueKeys, indexes));
		}
		return new SchemaDescription(tables);
	}

	/** The family a declared type belongs to, by SQLite's and PostgreSQL's names for it. */
	static String family(String declared) {
		String type = declared.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").replace("[]", "").trim();
		if (declared.contains("[]")) {
			return "array";
		}
		if (type.matches("(tiny|small|medium|big|unsigned big )?int(eger|2|4|8)?|(small|big)?serial")) {
			return "integer";
		}
		if (type.matches("numeric|decimal|real|double( precision)?|float[48]?|money")) {
			return "decimal";
		}
		if (type.matches("text|clob|n?varchar|character varying|n?char(acter)?|bpchar|citext|varying character")) {
			return "text";
		}
		if (type.matches("bool(ean)?")) {
			return "boolean";
		}
		if (type.matches("timestamp.*|datetime")) {
			return "timestamp";
		}
		if (type.matches("time( with(out)? time zone)?|timetz")) {
			return "time";
		}
		if (type.equals("date")) {
			return "date";
		}
		if (type.matches("blob|bytea")) {
			return "binary";
		}
		if (type.matches("jsonb?")) {
			return "json";
		}
		return type.isEmpty() ? "(none)" : type;
	}

	private static String list(List<String> columns) {
		return "(" + String.join(", ", columns.stream().map(column -> column == null ? "?" : column.toLowerCase(Locale.ROOT))
			.toList()) + ")";
	}
}
