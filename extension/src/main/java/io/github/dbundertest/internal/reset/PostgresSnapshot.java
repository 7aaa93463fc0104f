package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows and sequence positions of a migrated-and-seeded PostgreSQL template, captured once, and the SQL that
 * puts any copy of the template back into that state.
 *
 * <p>Rows travel as JSON and come back through {@code json_populate_recordset}, which parses each value with
 * its column type's own input function, so every type PostgreSQL can print round-trips exactly.
 *
 * <p>The restoring statements live in a PL/pgSQL function created in the restoring session's own temporary
 * schema: it caches the plans of its statements, so a reset does not parse and plan one statement per table
 * again (most of its time at a few hundred tables), and it is invisible to every other session and gone with its
 * own: nothing of ours is ever in the user's schema.
 *
 * @param installFunction creates the function, once per restoring session
 * @param restoreCall runs it, in one round trip; its last result is the copy's
 *        {@linkplain #SCHEMA_FINGERPRINT schema fingerprint}
 * @param schemaFingerprint the template's schema fingerprint: a copy whose fingerprint differs had its schema
 *        changed by a test, and restoring rows cannot repair that
 * @param tables the number of tables it empties
 */
public record PostgresSnapshot(String installFunction, String restoreCall, String schemaFingerprint, int tables) {

	/**
	 * A digest of every user-defined object's definition: relations, columns and their defaults, constraints,
	 * indexes, triggers, functions, types and schemas (objects with an oid of 16384 or more are the user's). It
	 * ignores what rows and TRUNCATE change (relfilenode, statistics), and temporary objects (the restore function
	 * itself lives in a temporary schema), so only DDL on the database's own objects changes it.
	 */
	static final String SCHEMA_FINGERPRINT = """
			WITH temporary_schemas AS (SELECT oid FROM pg_namespace
			                           WHERE nspname LIKE 'pg\\_temp\\_%' OR nspname LIKE 'pg\\_toast\\_temp\\_%')
			SELECT md5(concat_ws('|',
			  (SELECT string_agg(concat_ws(':', oid, relname, relnamespace, relkind, relnatts), ',' ORDER BY oid)
			   FROM pg_class WHERE oid >= 16384 AND relpersistence <> 't'),
			  (SELECT string_agg(concat_ws(':', attrelid, attnum, attname, atttypid, attnotnull, attisdropped), ','
			                     ORDER BY attrelid, attnum)
			   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			   WHERE attrelid >= 16384 AND attnum > 0 AND c.relpersistence <> 't'),
			  (SELECT string_agg(concat_ws(':', adrelid, adnum, md5(pg_get_expr(adbin, adrelid))), ',' ORDER BY adrelid, adnum)
			   FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid WHERE c.relpersistence <> 't'),
			  (SELECT string_agg(concat_ws(':', oid, conname, contype, conrelid), ',' ORDER BY oid)
			   FROM pg_constraint WHERE oid >= 16384 AND connamespace NOT IN (SELECT oid FROM temporary_schemas)),
			  (SELECT string_agg(concat_ws(':', t.oid, tgname, tgrelid, tgenabled), ',' ORDER BY t.oid)
			   FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid >= 16384 AND c.relpersistence <> 't'),
			  (SELECT string_agg(concat_ws(':', oid, proname, md5(prosrc)), ',' ORDER BY oid)
			   FROM pg_proc WHERE oid >= 16384 AND pronamespace NOT IN (SELECT oid FROM temporary_schemas)),
			  (SELECT string_agg(concat_ws(':', oid, typname), ',' ORDER BY oid)
			   FROM pg_type WHERE oid >= 16384 AND typnamespace NOT IN (SELECT oid FROM temporary_schemas)),
			  (SELECT string_agg(concat_ws(':', oid, nspname), ',' ORDER BY oid)
			   FROM pg_namespace WHERE oid >= 16384 AND oid NOT IN (SELECT oid FROM temporary_schemas))))""";


	/**
	 * Ends the sessions a previous test left inside a transaction: their locks would block the restore, and their
	 * uncommitted work would otherwise surface later. Sessions that are merely open (a pool) stay. Reads the
	 * activity function rather than the pg_stat_activity view, which joins what this does not need (a third of
	 * the time).
	 */
	private static final String END_ABANDONED_TRANSACTIONS = """
			SELECT count(pg_terminate_backend(s.pid)) FROM pg_stat_get_activity(NULL) s
			WHERE s.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
			  AND s.pid <> pg_backend_pid() AND s.state IN ('idle in transaction', 'idle in transaction (aborted)');
			""";

	private static final String USER_TABLES = """
			SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
			  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
			  AND NOT EXISTS (SELECT 1 FROM pg_depend d
			                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
			ORDER BY n.nspname, c.relname""";

	private static final String INSERTABLE_COLUMNS = """
			SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
			FROM pg_attribute WHERE attrelid = %d AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""";

	private static final String SEQUENCES = """
			SELECT format('setval(%L, %s, %s)', quote_ident(schemaname) || '.' || quote_ident(sequencename),
			              coalesce(last_value, start_value), CASE WHEN last_value IS NULL THEN 'false' ELSE 'true' END)
			FROM pg_sequences
			WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg\\_%'
			ORDER BY schemaname, sequencename""";

	/**
	 * Captures the template's state.
	 *
	 * @param template a connection to the template database
	 * @param bypassTriggers whether the restoring role may set {@code session_replication_role} (a superuser):
	 *        then rows are deleted with triggers and foreign-key checks off, else all tables are truncated at once
	 */
	public static PostgresSnapshot capture(Connection template, boolean bypassTriggers) throws SQLException {
		List<Table> tables = new ArrayList<>();
		try (Statement statement = template.createStatement(); ResultSet rows = statement.executeQuery(USER_TABLES)) {
			while (rows.next()) {
				tables.add(new Table(rows.getLong(1), rows.getString(2)));
			}
		}
		StringBuilder body = new StringBuilder();
		if (bypassTriggers) {
			tables.forEach(table -> body.append("DELETE FROM ").append(table.name).append(";\n"));
		}
		else if (!tables.isEmpty()) {
			body.append("TRUNCATE ").append(String.join(", ", tables.stream().map(Table::name).toList())).append(";\n");
		}
		for (Table table : tables) {
			appendInsert(template, table, body);
		}
		List<String> setvals = new ArrayList<>();
		try (Statement statement = template.createStatement(); ResultSet rows = statement.executeQuery(SEQUENCES)) {
			while (rows.next()) {
				setvals.add(rows.getString(1));
			}
		}
		if (!setvals.isEmpty()) {
			body.append("PERFORM ").append(String.join(", ", setvals)).append(";\n");
		}
		body.append("RETURN (").append(SCHEMA_FINGERPRINT).append(");\n");
		String tag = dollarTag(body.toString(), "restore");
		String installFunction = "CREATE OR REPLACE FUNCTION pg_temp.dbundertest_restore() RETURNS text LANGUAGE plpgsql AS "
				+ tag + "\nBEGIN\n" + body + "END\n" + tag;
		String restoreCall = END_ABANDONED_TRANSACTIONS + "BEGIN;\n"
				// a lock held this long belongs to a test that is gone: fail, and let the database be rebuilt
				+ "SET LOCAL lock_timeout = '3s';\n"
				// a test database need not survive a crash; on a durable server the flush was most of a reset's time
				+ "SET LOCAL synchronous_commit = off;\n"
				// triggers and foreign-key checks off: rows go back as they were, in any order
				+ (bypassTriggers ? "SET LOCAL session_replication_role = replica;\n" : "")
				+ "SELECT pg_temp.dbundertest_restore();\nCOMMIT;";
		String fingerprint;
		try (Statement statement = template.createStatement();
				ResultSet rows = statement.executeQuery(SCHEMA_FINGERPRINT)) {
			rows.next();
			fingerprint = rows.getString(1);
		}
		return new PostgresSnapshot(installFunction, restoreCall, fingerprint, tables.size());
	}

	private static void appendInsert(Connection template, Table table, StringBuilder script) throws SQLException {
		String columns;
		try (Statement statement = template.createStatement();
				ResultSet rows = statement.executeQuery(INSERTABLE_COLUMNS.formatted(table.oid))) {
			rows.next();
			columns = rows.getString(1);
		}
		if (columns == null) {
			return;
		}
		String json;
		try (Statement statement = template.createStatement();
				ResultSet rows = statement.executeQuery("SELECT json_agg(row_to_json(t))::text FROM (SELECT " + columns
						+ " FROM " + table.name + ") t")) {
			rows.next();
			json = rows.getString(1);
		}
		if (json == null) {
			return; // empty in the template
		}
		String tag = dollarTag(json, "rows");
		script.append("INSERT INTO ")
			.append(table.name)
			.append(" (")
			.append(columns)
			.append(") OVERRIDING SYSTEM VALUE SELECT ")
			.append(columns)
			.append(" FROM json_populate_recordset(NULL::")
			.append(table.name)
			.append(", ")
			.append(tag)
			.append(json)
			.append(tag)
			.append(");\n");
	}

	/** A dollar-quote tag that does not occur in {@code body}. */
	private static String dollarTag(String body, String name) {
		String tag = "$" + name + "$";
		for (int i = 0; body.contains(tag); i++) {
			tag = "$" + name + i + "$";
		}
		return tag;
	}

	private record Table(long oid, String name) {
	}
}
