package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Nothing of the user's is ever touched: around every test class of the suite (registered for all of them through
 * extension auto-detection), a sentinel database on the external server on 127.0.0.1:5432 — a database the
 * extension did not create — and the tables of the database named in the URL are checked to be exactly as they
 * were. Without that server it does nothing.
 */
public final class SentinelDatabaseCheck implements BeforeAllCallback, AfterAllCallback {

	private static final String SENTINEL = "sentinel_of_" + ProcessHandle.current().pid();

	private static final String CONTENT = "[1 keep me, 2 and me]";

	/** The server's state when the JVM first looked, or null where there is no server. */
	private static final AtomicReference<String> MAINTENANCE_TABLES = new AtomicReference<>();

	@Override
	public void beforeAll(ExtensionContext context) throws SQLException {
		check();
	}

	@Override
	public void afterAll(ExtensionContext context) throws SQLException {
		check();
	}

	private static synchronized void check() throws SQLException {
		if (!serverAnswers()) {
			return;
		}
		if (MAINTENANCE_TABLES.get() == null) {
			create();
		}
		try (Connection sentinel = connect(SENTINEL)) {
			assertThat(ResetTests.column(sentinel, "SELECT id || ' ' || note FROM kept ORDER BY id"))
				.as("the sentinel database %s", SENTINEL)
				.isEqualTo(CONTENT);
		}
		assertThat(maintenanceTables()).as("the tables of the database named in the URL").isEqualTo(MAINTENANCE_TABLES.get());
	}

	private static void create() throws SQLException {
		try (Connection maintenance = connect("postgres"); Statement statement = maintenance.createStatement()) {
			// a JVM that ended before its shutdown hook ran left its sentinel: drop those whose process is gone
			List<String> stale = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^sentinel_of_[0-9]+$'")) {
				while (rows.next()) {
					long pid = Long.parseLong(rows.getString(1).substring("sentinel_of_".length()));
					if (ProcessHandle.of(pid).isEmpty()) {
						stale.add(rows.getString(1));
					}
				}
			}
			for (String database : stale) {
				statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
			statement.execute("DROP DATABASE IF EXISTS " + SENTINEL + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + SENTINEL);
		}
		try (Connection sentinel = connect(SENTINEL); Statement statement = sentinel.createStatement()) {
			statement.execute("CREATE TABLE kept (id INTEGER PRIMARY KEY, note TEXT)");
			statement.execute("INSERT INTO kept VALUES (1, 'keep me'), (2, 'and me')");
		}
		MAINTENANCE_TABLES.set(maintenanceTables());
		Runtime.getRuntime().addShutdownHook(new Thread(SentinelDatabaseCheck::drop, "drop-sentinel"));
	}

	private static String maintenanceTables() throws SQLException {
		try (Connection maintenance = connect("postgres")) {
			return ResetTests.column(maintenance, "SELECT table_schema || '.' || table_name FROM information_schema.tables "
					+ "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
		}
	}

	private static void drop() {
		drop(SENTINEL);
	}

	/** Drops the sentinel of a JVM this one started and killed, which had no chance to drop it. */
	static void dropLeftBy(Process killed) {
		drop("sentinel_of_" + killed.pid());
	}

	private static void drop(String sentinel) {
		try (Connection maintenance = connect("postgres"); Statement statement = maintenance.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + sentinel + " WITH (FORCE)");
		}
		catch (SQLException e) {
			// the next run's sentinel has another name; this one is only a few kilobytes
		}
	}

	private static boolean serverAnswers() {
		try (Connection connection = connect("postgres")) {
			return connection.isValid(2);
		}
		catch (SQLException e) {
			return false;
		}
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database + "?connectTimeout=3",
				"postgres", null);
	}
}
