package io.github.dbundertest.internal.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseInfo;
import io.github.dbundertest.internal.BuildFolders;
import io.github.dbundertest.internal.Queries;
import io.github.dbundertest.internal.reset.ChangeTracking;
import org.postgresql.PGConnection;

/**
 * Keeps, for each test that failed, what is needed to look at its database afterwards, since the database itself
 * is reset before the next test and gone at the end of the run: a copy of the SQLite file, or a dump of the
 * PostgreSQL database ({@code pg_dump} if one on the path can dump this server, else the rows as a psql script of
 * {@code COPY} blocks). Files go to {@code dbundertest-failures/<run>/} in the build's output folder; folders of
 * earlier runs whose process has ended are removed when a run keeps its first file. One instance per engine run.
 */
public final class FailedDatabases {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");
	private static final String RUN_PREFIX = "run-";

	private final Path parent = BuildFolders.extensionFolder("dbundertest-failures");
	private final Path folder = parent.resolve(RUN_PREFIX + ProcessHandle.current().pid() + "-"
			+ LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
	private boolean started;

	/**
	 * Keeps the database of a failed test and logs the command that opens it.
	 *
	 * @param test e.g. {@code TicketRepositoryTest.createsTicket}
	 * @return the file kept, or null if keeping it failed (which is logged, never thrown: the test's own failure
	 *         is what matters)
	 */
	public synchronized Path keep(DatabaseInfo database, String test) {
		try {
			prepareFolder();
			String base = test.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + database.backend().displayName();
			Path file;
			String command;
			if (database.backend() == Backend.SQLITE) {
				file = folder.resolve(base + ".sqlite");
				Files.deleteIfExists(file);
				try (Connection connection = database.dataSource().getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("VACUUM INTO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
				}
				command = "sqlite3 " + file;
			}
			else {
				file = folder.resolve(base + ".sql");
				command = pgDump(database, file) ? "createdb failed_test && psql -d failed_test -f " + file
						: "psql -d <a database migrated like the test's> -f " + file + " (rows only; pg_dump could not"
								+ " dump this server)";
				if (!Files.exists(file)) {
					dumpRows(database, file);
				}
			}
			LOG.log(Level.WARNING, "[" + database.backend().displayName() + "] kept the database of the failed test " + test
					+ ": " + command);
			return file;
		}
		catch (IOException | SQLException | RuntimeException e) {
			LOG.log(Level.WARNING, "[" + database.backend().displayName() + "] could not keep the database of the failed test "
					+ test + ": " + e.getMessage());
			return null;
		}
	}

	private void prepareFolder() throws IOException {
		if (started) {
			return;
		}
		started = true;
		if (Files.isDirectory(parent)) {
			try (Stream<Path> runs = Files.list(parent)) {
				for (Path run : runs.filter(FailedDatabases::isOfEndedProcess).toList()) {
					BuildFolders.deleteRecursively(run);
				}
			}
		}
		Files.createDirectories(folder);
	}

	private static boolean isOfEndedProcess(Path run) {
		String name = run.getFileName().toString();
		if (!name.matches(RUN_PREFIX + "\\d+-.*")) {
			return false;
		}
		long pid = Long.parseLong(name.substring(RUN_PREFIX.length(), name.indexOf('-', RUN_PREFIX.length())));
		return ProcessHandle.of(pid).isEmpty();
	}

	/** A full dump by pg_dump, where one is on the path and not older than the server. */
	private static boolean pgDump(DatabaseInfo database, Path file) {
		// a lock the failed test still holds must not stall the run
		List<String> command = new ArrayList<>(List.of("pg_dump", "--no-owner", "--lock-wait-timeout=5s",
				"--exclude-schema=" + ChangeTracking.SCHEMA,
				"--file=" + file, "--dbname=" + libpqUri(database.jdbcUrl())));
		if (database.username() != null) {
			command.add("--username=" + database.username());
		}
		// discarded rather than read: reading would wait for the end of a pg_dump that hangs, past the time-out
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		if (database.password() != null) {
			builder.environment().put("PGPASSWORD", database.password());
		}
		try {
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			if (process.exitValue() != 0) {
				Files.deleteIfExists(file);
				return false;
			}
			withoutChangeTracking(file);
			return true;
		}
		catch (IOException e) {
			return false; // no pg_dump here
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** {@code postgresql://host:port/database} of a JDBC URL, without the JDBC driver's parameters libpq refuses. */
	private static String libpqUri(String jdbcUrl) {
		String uri = jdbcUrl.substring("jdbc:".length());
		int query = uri.indexOf('?');
		return query < 0 ? uri : uri.substring(0, query);
	}

	/**
	 * Drops the extension's triggers from a pg_dump script, section by section ({@code -- Name: …} headers): they
	 * call functions of a schema the dump leaves out, and are not the user's.
	 */
	private static void withoutChangeTracking(Path file) throws IOException {
		String dump = Files.readString(file, StandardCharsets.UTF_8);
		String[] sections = dump.split("(?=\n--\n-- Name: )");
		StringBuilder kept = new StringBuilder();
		for (String section : sections) {
			String header = section.lines().skip(2).findFirst().orElse("");
			// "-- Name: author dbundertest_track_changes; Type: TRIGGER; …", "-- Name: dbundertest_track_ddl; Type: EVENT TRIGGER; …"
			boolean ours = header.matches("-- Name: (\\S+ )?" + ChangeTracking.TRIGGER_PREFIX + "\\w+; Type: (EVENT )?TRIGGER;.*");
			if (!ours) {
				kept.append(section);
			}
		}
		Files.writeString(file, kept, StandardCharsets.UTF_8);
	}

	/** The rows of every table of the current schema, as COPY blocks psql can load. */
	private static void dumpRows(DatabaseInfo database, Path file) throws SQLException, IOException {
		try (Connection connection = database.dataSource().getConnection();
				BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET lock_timeout = '5s'"); // a lock the failed test still holds must not stall the run
			}
			out.write("-- rows of " + database.jdbcUrl() + " when its test failed, written by dbundertest\n");
			out.write("SET session_replication_role = replica;\n");
			List<String> tables = Queries.firstColumn(connection, "SELECT quote_ident(relname) FROM pg_class c"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema()"
					+ " ORDER BY relname");
			for (String table : tables) {
				out.write("\nTRUNCATE " + table + " CASCADE;\nCOPY " + table + " FROM stdin;\n");
				out.flush();
				connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT", out);
				out.write("\\.\n");
			}
		}
	}
}
