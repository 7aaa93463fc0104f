package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows and sequence positions of a migrated-and-seeded PostgreSQL template, captured once, and the SQL that
 * puts any copy of the template back into that state.
 *
 * <p>Rows travel as JSON and come back through {@code json_populate_recordset}, which parses each value with
 * its column type's own input function, so every type PostgreSQL can print round-trips exactly.
 *
 * <p>The restoring statements live in a PL/pgSQL function created in the restoring session's own temporary
 * schema: it caches the plans of its statements, so a reset does not parse and plan one statement per table
 * again, and it is invisible to every other session and gone with its own.
 *
 * <p>There are two kinds of restore. On a template with {@linkplain ChangeTracking change tracking} (a superuser's)
 * it puts back only the tables that the tests changed, the sequences whose position moved, and fails when
 * the event triggers saw DDL: its cost follows what the test did, not the size of the schema. Without it, it
 * compares a {@linkplain #SCHEMA_FINGERPRINT digest of the schema} with the template's, then empties every table
 * (all at once with {@code TRUNCATE}) and inserts all the template's rows.
 *
 * @param prepareSession sets the restoring session up and creates the function in it, once per session
 * @param tables the number of tables it restores
 * @param tracked whether it restores only what change tracking recorded
 */
public record PostgresSnapshot(String prepareSession, int tables, boolean tracked) {

	/**
	 * Starts each comment line that names the step of the restore function after it: the benchmark's profile
	 * times the steps through these.
	 */
	public static final String STEP_MARKER = "  -- step: ";

	/** What the restore returns when it put the template's state back. */
	static final String RESTORED = "restored";

	/**
	 * What the restore returns when a test changed the schema: the tracked one when the event triggers recorded DDL
	 * or were disabled, the other when the schema's digest differs from the template's.
	 */
	static final String SCHEMA_CHANGED = "schema changed";

	/** What either restore returns when a large object of the template's is gone or differs from the template's. */
	static final String LARGE_OBJECTS_CHANGED = "large objects changed";

	/**
	 * What the tracked restore returns on the first reset of a database kept by an earlier run whose change record
	 * lost what {@link #markKeptForLaterRun()} wrote: the server crashed in between, and took the unlogged record of
	 * any write made since with it.
	 */
	static final String CHANGE_RECORD_LOST = "change record lost";

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
			  PERFORM count(pg_terminate_backend(s.pid)) FROM pg_stat_get_activity(NULL) s
			  WHERE s.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
			    AND s.pid <> pg_backend_pid() AND s.state IN ('idle in transaction', 'idle in transaction (aborted)');
			""";

	/** The large objects of the template, as an array literal. */
	private static final String LARGE_OBJECTS = """
			SELECT coalesce(array_agg(oid ORDER BY oid), '{}')::text FROM pg_largeobject_metadata""";

	/**
	 * A digest of every large object: its oid, owner, privileges and content. Computed only where the template has
	 * large objects, since it reads all of them.
	 */
	private static final String LARGE_OBJECTS_DIGEST = """
			SELECT md5(string_agg(concat_ws(':', oid, lomowner, lomacl, md5(lo_get(oid))), ',' ORDER BY oid))
			FROM pg_largeobject_metadata""";

	private static final String USER_TABLES = """
			SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
			  AND n.nspname NOT IN ('pg_catalog', 'information_schema', '%s') AND n.nspname NOT LIKE 'pg\\_%%'
			  AND NOT EXISTS (SELECT 1 FROM pg_depend d
			                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
			ORDER BY n.nspname, c.relname""".formatted(ChangeTracking.SCHEMA);

	private static final String INSERTABLE_COLUMNS = """
			SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
			FROM pg_attribute WHERE attrelid = %d AND attnum > 0 AND NOT attisdropped AND attgenerated = ''""";

	private static final String SEQUENCES = """
			SELECT (quote_ident(schemaname) || '.' || quote_ident(sequencename))::regclass::oid,
			       quote_ident(schemaname) || '.' || quote_ident(sequencename),
			       coalesce(last_value, start_value), last_value IS NOT NULL
			FROM pg_sequences
			WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg\\_%'
			ORDER BY schemaname, sequencename""";

	/**
	 * Captures the template's state. The restore it makes is {@linkplain #tracked() tracked} when the template
	 * carries {@link ChangeTracking}, else the full sweep: with triggers and foreign-key checks off for a superuser
	 * (who may set {@code session_replication_role}), else truncating all tables at once.
	 *
	 * @param template a connection to the template database
	 */
	public static PostgresSnapshot capture(Connection template) throws SQLException {
		boolean superuser = ChangeTracking.isSuperuser(template);
		boolean tracked = superuser && ChangeTracking.isInstalled(template);
		List<Table> tables = new ArrayList<>();
		try (Statement statement = template.createStatement(); ResultSet rows = statement.executeQuery(USER_TABLES)) {
			while (rows.next()) {
				tables.add(new Table(rows.getLong(1), rows.getString(2)));
			}
		}
		Map<Table, String> inserts = new LinkedHashMap<>();
		for (Table table : tables) {
			inserts.put(table, insertOf(template, table));
		}
		List<Sequence> sequences = new ArrayList<>();
		try (Statement statement = template.createStatement(); ResultSet rows = statement.executeQuery(SEQUENCES)) {
			while (rows.next()) {
				sequences.add(new Sequence(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBoolean(4)));
			}
		}
		LargeObjects largeObjects = LargeObjects.of(template);
		String body = tracked ? trackedBody(inserts, sequences, largeObjects)
				: fullBody(superuser, singleValue(template, SCHEMA_FINGERPRINT), inserts, sequences, largeObjects);
		String tag = dollarTag(body, "restore");
		String prepareSession = ""
				// a lock held this long belongs to a test that is gone: fail, and let the database be rebuilt
				+ "SET lock_timeout = '3s';\n"
				// a test database need not survive a crash; on a durable server the flush was most of a reset's time
				+ "SET synchronous_commit = off;\n"
				// triggers and foreign-key checks off: rows go back as they were, in any order. Set once for the
				// session: each change of the setting discards every cached plan, the function's too
				+ (superuser ? "SET session_replication_role = replica;\n" : "")
				// the rows put back are not a test's changes
				+ (tracked ? "SET " + ChangeTracking.RESTORING_SETTING + " = on;\n" : "")
				+ "CREATE OR REPLACE FUNCTION pg_temp.dbundertest_restore(first_after_keep boolean) RETURNS text"
				+ " LANGUAGE plpgsql AS " + tag + "\n"
				// a table's columns may be named like the function's variables: in its statements they are columns
				+ "#variable_conflict use_column\n"
				+ body + tag;
		return new PostgresSnapshot(prepareSession, tables.size(), tracked);
	}

	/**
	 * Runs the restore function, in one round trip and one transaction. Its result is {@value #RESTORED} unless
	 * what a test changed cannot be put back from rows: then it is {@value #SCHEMA_CHANGED},
	 * {@value #LARGE_OBJECTS_CHANGED} or {@value #CHANGE_RECORD_LOST}, and the database must be copied from the
	 * template again, whatever the function did put back before it found out.
	 *
	 * @param firstAfterKeep whether this is the first reset of a database an earlier run kept
	 */
	public String restoreCall(boolean firstAfterKeep) {
		return "SELECT pg_temp.dbundertest_restore(" + firstAfterKeep + ")";
	}

	/**
	 * What a database gets before it is kept for a later run, so that the later run can tell that its change record
	 * is whole; nothing where the restore is not tracked, since it puts every table back.
	 */
	String markKeptForLaterRun() {
		return tracked ? "INSERT INTO " + ChangeTracking.SCHEMA + ".changes (relid) VALUES ("
				+ ChangeTracking.KEPT_WITH_ITS_RECORD + ")" : "";
	}

	/**
	 * Gives up if the schema's digest is not the template's (before any statement that the change could break),
	 * then empties every table, inserts every row of the template, sets every sequence and unlinks the large
	 * objects the template lacks.
	 */
	private static String fullBody(boolean superuser, String fingerprint, Map<Table, String> inserts,
			List<Sequence> sequences, LargeObjects largeObjects) {
		StringBuilder body = new StringBuilder("BEGIN\n").append(step("end abandoned transactions"))
			.append(END_ABANDONED_TRANSACTIONS)
			.append(step("compare the schema with the template's"))
			.append(returnUnless(SCHEMA_FINGERPRINT, fingerprint, SCHEMA_CHANGED))
			.append(step("empty every table"));
		if (superuser) {
			inserts.keySet().forEach(table -> body.append("DELETE FROM ").append(table.name).append(";\n"));
		}
		else if (!inserts.isEmpty()) {
			body.append("TRUNCATE ")
				.append(String.join(", ", inserts.keySet().stream().map(Table::name).toList()))
				.append(";\n");
		}
		body.append(step("insert the template's rows"));
		inserts.values().forEach(body::append);
		if (!sequences.isEmpty()) {
			body.append(step("set every sequence")).append("PERFORM ")
				.append(String.join(", ", sequences.stream().map(Sequence::setval).toList()))
				.append(";\n");
		}
		return body.append(largeObjects.restoreSteps()).append("  RETURN '").append(RESTORED).append("';\nEND\n").toString();
	}

	/**
	 * Claims what change tracking recorded since the last reset, gives up if that includes DDL (or the event
	 * triggers that would see it are gone or disabled), restores the tables recorded, and sets back the sequences
	 * that moved, whether or not a table records it (a rolled-back insert still moves its sequence), and unlinks
	 * the large objects the template lacks (no trigger sees large objects).
	 */
	private static String trackedBody(Map<Table, String> inserts, List<Sequence> sequences,
			LargeObjects largeObjects) {
		StringBuilder body = new StringBuilder("""
				DECLARE
				  changed oid[];
				  relation oid;
				BEGIN
				%7$s%6$s%8$s  IF (SELECT count(*) FROM pg_event_trigger WHERE evtname IN ('%2$s', '%3$s') AND evtenabled = 'A') <> 2 THEN
				    RETURN '%4$s';
				  END IF;
				%9$s  WITH claimed AS (DELETE FROM %1$s.changes RETURNING relid)
				  SELECT array_agg(DISTINCT relid) INTO changed FROM claimed;
				  IF %5$d = ANY (changed) THEN
				    RETURN '%4$s';
				  END IF;
				%10$s  IF first_after_keep THEN
				    IF NOT %11$d = ANY (coalesce(changed, '{}')) THEN
				      RETURN '%12$s';
				    END IF;
				    changed := array_remove(changed, %11$d::oid);
				  END IF;
				""".formatted(ChangeTracking.SCHEMA, ChangeTracking.EVENT_TRIGGERS[0], ChangeTracking.EVENT_TRIGGERS[1],
				SCHEMA_CHANGED, ChangeTracking.SCHEMA_CHANGE, END_ABANDONED_TRANSACTIONS,
				step("end abandoned transactions"), step("check the event triggers"), step("claim the recorded changes"),
				step("check the record of a kept database"), ChangeTracking.KEPT_WITH_ITS_RECORD, CHANGE_RECORD_LOST));
		if (!inserts.isEmpty()) {
			body.append(step("restore the changed tables")).append("  FOREACH relation IN ARRAY coalesce(changed, '{}') LOOP\n    CASE relation\n");
			inserts.forEach((table, insert) -> body.append("    WHEN ")
				.append(table.oid)
				.append(" THEN\n      DELETE FROM ")
				.append(table.name)
				.append(";\n")
				.append(insert.isEmpty() ? "" : "      " + insert));
			body.append("""
					    ELSE
					      RAISE EXCEPTION 'a change was recorded for relation %, which is not a table of the template', relation;
					    END CASE;
					  END LOOP;
					""");
		}
		if (!sequences.isEmpty()) {
			body.append(step("set back the sequences that moved")).append("  PERFORM setval(s.relation::regclass, s.value, s.called)\n  FROM unnest('{")
				.append(String.join(",", sequences.stream().map(sequence -> String.valueOf(sequence.oid)).toList()))
				.append("}'::oid[], '{")
				.append(String.join(",", sequences.stream().map(sequence -> String.valueOf(sequence.value)).toList()))
				.append("}'::bigint[], '{")
				.append(String.join(",", sequences.stream().map(sequence -> String.valueOf(sequence.called)).toList()))
				.append("}'::boolean[]) AS s (relation, value, called)\n")
				.append("  WHERE pg_sequence_last_value(s.relation::regclass)")
				.append(" IS DISTINCT FROM CASE WHEN s.called THEN s.value END;\n");
		}
		return body.append(largeObjects.restoreSteps()).append("  RETURN '").append(RESTORED).append("';\nEND\n").toString();
	}

	/** Ends the restore function with {@code result} unless {@code query} gives what the template gave. */
	private static String returnUnless(String query, String templates, String result) {
		return "  IF (" + query + ") IS DISTINCT FROM '" + templates + "' THEN\n    RETURN '" + result + "';\n  END IF;\n";
	}

	/** A comment that names the step of the restore function that follows it, for profiles. */
	static String step(String name) {
		return STEP_MARKER + name + "\n";
	}

	/** The statement that inserts the template's rows of {@code table}; empty if it has none. */
	private static String insertOf(Connection template, Table table) throws SQLException {
		String columns = singleValue(template, INSERTABLE_COLUMNS.formatted(table.oid));
		if (columns == null) {
			return "";
		}
		String json = singleValue(template,
				"SELECT json_agg(row_to_json(t))::text FROM (SELECT " + columns + " FROM " + table.name + ") t");
		if (json == null) {
			return ""; // empty in the template
		}
		String tag = dollarTag(json, "rows");
		return "INSERT INTO " + table.name + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + columns
				+ " FROM json_populate_recordset(NULL::" + table.name + ", " + tag + json + tag + ");\n";
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

	/**
	 * The template's large objects. Rows that reference them (an {@code oid} column, as Hibernate maps a
	 * {@code @Lob}) are restored with their table, but the objects themselves live in a catalog: those a test
	 * created are unlinked at each reset. One of the template's own that a test wrote to, unlinked or handed to
	 * another owner cannot be put back from rows: the restore reports it, and the database is copied again.
	 *
	 * @param oids the template's large objects, as an array literal
	 * @param digest their {@link #LARGE_OBJECTS_DIGEST}; null when the template has none
	 */
	private record LargeObjects(String oids, String digest) {

		static LargeObjects of(Connection template) throws SQLException {
			String oids = singleValue(template, LARGE_OBJECTS);
			return new LargeObjects(oids, "{}".equals(oids) ? null : singleValue(template, LARGE_OBJECTS_DIGEST));
		}

		String restoreSteps() {
			String unlink = step("unlink the large objects the template lacks")
					+ "  PERFORM lo_unlink(oid) FROM pg_largeobject_metadata WHERE oid <> ALL ('" + oids + "'::oid[]);\n";
			if (digest == null) {
				return unlink;
			}
			return unlink + step("check the template's large objects")
					+ returnUnless(LARGE_OBJECTS_DIGEST, digest, LARGE_OBJECTS_CHANGED);
		}
	}

	/** The first column of the one row {@code query} returns, an aggregate's. */
	private static String singleValue(Connection connection, String query) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private record Sequence(long oid, String name, long value, boolean called) {

		String setval() {
			return "setval('" + name.replace("'", "''") + "', " + value + ", " + called + ")";
		}
	}
}
