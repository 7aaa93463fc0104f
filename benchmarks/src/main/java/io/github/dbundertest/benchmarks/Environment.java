package io.github.dbundertest.benchmarks;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.sqlite.SQLiteDataSource;

/** What the numbers were measured on: they mean little without it. */
final class Environment {

	private final List<String> lines = new ArrayList<>();

	Environment() {
		lines.add("JVM         " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ " (" + System.getProperty("java.vm.vendor") + ")");
		lines.add("OS          " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors");
		lines.add("drivers     pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION + ", sqlite-jdbc "
				+ org.sqlite.SQLiteJDBCLoader.getVersion() + ", Flyway " + flywayVersion());
		lines.add("extension   " + extensionRevision());
	}

	/**
	 * The commit the extension was built from, when run from a Git work tree: reset strategies change often, and a
	 * table means little without knowing which version of them it measured.
	 */
	private static String extensionRevision() {
		String head = git("rev-parse", "--short", "HEAD");
		if (head.isEmpty()) {
			return "unknown revision (not run from a Git work tree)";
		}
		String changes = git("status", "--porcelain", "--", "extension/src/main");
		String subject = git("log", "-1", "--format=%s", "--", "extension/src/main");
		return "commit " + head + ", last extension change: "
				+ (subject.length() <= 80 ? subject : subject.substring(0, 77) + "...")
				+ (changes.isEmpty() ? "" : " (+ uncommitted changes in extension/src/main)");
	}

	private static String git(String... arguments) {
		List<String> command = new ArrayList<>(List.of("git"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes()).strip();
			return process.waitFor() == 0 ? output : "";
		}
		catch (java.io.IOException e) {
			return "";
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	void add(String label, String description) {
		lines.add(String.format("%-11s %s", label, description));
	}

	void addSqlite() throws SQLException {
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl("jdbc:sqlite::memory:");
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
			rows.next();
			add("SQLite", rows.getString(1) + ", file databases in " + System.getProperty("java.io.tmpdir")
					+ ", URL settings as SqliteProvisioner: " + ExtensionInternals.sqliteUrl(java.nio.file.Path.of("x"))
						.replaceFirst("^[^?]*\\?", ""));
		}
	}

	private static String flywayVersion() {
		try {
			return org.flywaydb.core.internal.license.VersionPrinter.getVersion();
		}
		catch (RuntimeException | LinkageError e) {
			return "?";
		}
	}

	void print(PrintStream out) {
		lines.forEach(out::println);
	}
}
