package io.github.dbundertest.internal.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a PostgreSQL template's copies say what a test changed, so that a reset restores only those tables instead
 * of every table of the schema.
 *
 * <p>Installed once into the template, after its migrations and seeds, it consists of the schema
 * {@value #SCHEMA} with one table, {@code changes}, and:
 * <ul>
 * <li>on every table, a statement-level trigger after {@code INSERT}, {@code UPDATE}, {@code DELETE} and
 * {@code TRUNCATE} that records the table (for a partition, its root) in {@code changes}. Rows are written in the
 * test's own transaction, so a rolled-back write leaves no record and a committed one cannot be missed. The
 * triggers fire always, even under {@code session_replication_role = replica}. Once a transaction has written a
 * record of its own it says so in a setting of its own ({@value #RECORDED_SETTING_PREFIX}{@code <oid>}, undone
 * with it), and the trigger's condition skips the function for the rest of that transaction's statements on the
 * table. A record some other transaction committed earlier does not count: a reset may claim it while this one
 * still runs;</li>
 * <li>two event triggers that record relation {@code 0} for any DDL outside temporary schemas: restoring rows
 * cannot undo a schema change, so the restore then fails and the database is rebuilt from the template.</li>
 * </ul>
 *
 * <p>The table has no unique key on purpose: concurrent transactions that write the same tables never wait on
 * each other's change records, so tracking adds no lock and no deadlock to what the tests do.
 *
 * <p>Event triggers need a superuser; without one the restore stays the full sweep with a schema fingerprint.
 */
public final class ChangeTracking {

	/** The schema that holds the tracking objects in each database copied from a tracked template. */
	public static final String SCHEMA = "dbundertest";

	/** The relation recorded for a schema change. */
	static final long SCHEMA_CHANGE = 0;

	/**
	 * The relation recorded when a database is kept for a later run. The table is unlogged: a server that crashes
	 * empties it, and with it the record of what was written since. The first reset of the later run finds this
	 * record, or knows that the others may be gone too.
	 */
	static final long KEPT_WITH_ITS_RECORD = 1;

	/** Set by the restoring session, so that putting rows back is not itself recorded as a change. */
	static final String RESTORING_SETTING = "dbundertest.restoring";

	/**
	 * What a transaction that has recorded a table sets, to {@code on} and for itself only, with the table's oid
	 * appended: its later statements on that table skip the trigger function.
	 */
	static final String RECORDED_SETTING_PREFIX = "dbundertest.recorded_";

	/** What the names of the extension's triggers and event triggers start with. */
	public static final String TRIGGER_PREFIX = "dbundertest_track_";

	static final String TRIGGER = TRIGGER_PREFIX + "changes";

	static final String[] EVENT_TRIGGERS = { TRIGGER_PREFIX + "ddl", TRIGGER_PREFIX + "drop" };

	/** Every table and partition, with the root whose rows a restore puts back. */
	private static final String TABLES = """
			SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
			       CASE WHEN c.relispartition THEN pg_partition_root(c.oid) ELSE c.oid END
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  AND n.nspname NOT LIKE 'pg\\_%'
			  AND NOT EXISTS (SELECT 1 FROM pg_depend d
			                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
			ORDER BY 1""";

	private ChangeTracking() {
	}

	/**
	 * Installs change tracking into a migrated and seeded template; it must come after the last write that
	 * belongs to the template's state.
	 *
	 * @return whether it was installed: only a superuser may create event triggers
	 */
	public static boolean install(Connection template) throws SQLException {
		if (isInstalled(template)) {
			return true;
		}
		if (!isSuperuser(template)) {
			return false;
		}
		List<String[]> tables = new ArrayList<>();
		try (Statement statement = template.createStatement(); ResultSet rows = statement.executeQuery(TABLES)) {
			while (rows.next()) {
				tables.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		StringBuilder script = new StringBuilder("""
				CREATE SCHEMA %1$s;
				COMMENT ON SCHEMA %1$s IS 'tables written since the last reset, kept by dbundertest in test databases';
				CREATE UNLOGGED TABLE %1$s.changes (relid oid NOT NULL);
				GRANT USAGE ON SCHEMA %1$s TO PUBLIC;
				GRANT SELECT, INSERT ON %1$s.changes TO PUBLIC;
				CREATE FUNCTION %1$s.record_change() RETURNS trigger LANGUAGE plpgsql AS $body$
				BEGIN
				  IF NOT EXISTS (SELECT FROM %1$s.changes WHERE relid = TG_ARGV[0]::oid) THEN
				    INSERT INTO %1$s.changes (relid) VALUES (TG_ARGV[0]::oid);
				    -- only for a record of this transaction's own, which a reset cannot claim before it commits, and
				    -- undone with the transaction (or savepoint) that undoes the record
				    PERFORM pg_catalog.set_config('%4$s' || TG_ARGV[0], 'on', true);
				  END IF;
				  RETURN NULL;
				END $body$;
				CREATE FUNCTION %1$s.record_ddl() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
				    SET search_path = pg_catalog AS $body$
				BEGIN
				  IF EXISTS (SELECT FROM pg_event_trigger_ddl_commands() WHERE schema_name IS DISTINCT FROM 'pg_temp') THEN
				    INSERT INTO %1$s.changes (relid) VALUES (%3$d);
				  END IF;
				END $body$;
				CREATE FUNCTION %1$s.record_drop() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
				    SET search_path = pg_catalog AS $body$
				BEGIN
				  IF EXISTS (SELECT FROM pg_event_trigger_dropped_objects() WHERE NOT is_temporary) THEN
				    INSERT INTO %1$s.changes (relid) VALUES (%3$d);
				  END IF;
				END $body$;
				""".formatted(SCHEMA, RESTORING_SETTING, SCHEMA_CHANGE, RECORDED_SETTING_PREFIX));
		for (String[] table : tables) {
			script.append("CREATE TRIGGER ")
				.append(TRIGGER)
				.append(" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ")
				.append(table[0])
				// the condition is evaluated without calling the function: the restore's own writes, and every
				// statement after the first on this table in a transaction, cost next to nothing
				.append(" FOR EACH STATEMENT WHEN (pg_catalog.current_setting('")
				.append(RESTORING_SETTING)
				.append("', true) IS DISTINCT FROM 'on' AND pg_catalog.current_setting('")
				.append(RECORDED_SETTING_PREFIX)
				.append(table[1])
				.append("', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION ")
				.append(SCHEMA)
				.append(".record_change('")
				.append(table[1])
				.append("');\nALTER TABLE ")
				.append(table[0])
				.append(" ENABLE ALWAYS TRIGGER ")
				.append(TRIGGER)
				.append(";\n");
		}
		// last: nothing above is a change of the template's copies
		script.append("""
				CREATE EVENT TRIGGER %2$s ON ddl_command_end EXECUTE FUNCTION %1$s.record_ddl();
				ALTER EVENT TRIGGER %2$s ENABLE ALWAYS;
				CREATE EVENT TRIGGER %3$s ON sql_drop EXECUTE FUNCTION %1$s.record_drop();
				ALTER EVENT TRIGGER %3$s ENABLE ALWAYS;
				""".formatted(SCHEMA, EVENT_TRIGGERS[0], EVENT_TRIGGERS[1]));
		boolean autoCommit = template.getAutoCommit();
		template.setAutoCommit(false);
		try (Statement statement = template.createStatement()) {
			statement.execute(script.toString());
			template.commit();
		}
		catch (SQLException e) {
			template.rollback();
			throw new SQLException("could not install change tracking: " + e.getMessage(), e.getSQLState(), e);
		}
		finally {
			template.setAutoCommit(autoCommit);
		}
		return true;
	}

	/** Whether the database carries change tracking (a cached template installed it in an earlier run). */
	static boolean isInstalled(Connection database) throws SQLException {
		try (Statement statement = database.createStatement();
				ResultSet rows = statement.executeQuery("SELECT to_regclass('" + SCHEMA + ".changes') IS NOT NULL")) {
			return rows.next() && rows.getBoolean(1);
		}
	}

	static boolean isSuperuser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
			return rows.next() && rows.getBoolean(1);
		}
	}
}
