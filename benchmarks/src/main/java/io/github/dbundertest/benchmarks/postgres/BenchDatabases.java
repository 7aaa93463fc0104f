package io.github.dbundertest.benchmarks.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Creates and drops the benchmark's databases, all named {@code bench_<pid>_…} so that on a shared server they are
 * recognisably ours, and drops whatever is left when closed, or when the JVM is stopped.
 */
public final class BenchDatabases implements AutoCloseable {

	private final PostgresServerHandle server;
	private final String prefix = "bench_" + ProcessHandle.current().pid() + "_";
	private final Set<String> created = new LinkedHashSet<>();
	private final Connection administration;
	private final Thread dropOnExit = new Thread(this::dropAll, "drop benchmark databases");

	public BenchDatabases(PostgresServerHandle server) throws SQLException {
		this.server = server;
		this.administration = server.connect("postgres");
		Runtime.getRuntime().addShutdownHook(dropOnExit);
	}

	public synchronized String createEmpty(String suffix) throws SQLException {
		String name = prefix + suffix;
		execute("DROP DATABASE IF EXISTS " + name);
		execute("CREATE DATABASE " + name);
		created.add(name);
		return name;
	}

	public synchronized String cloneOf(String template, String suffix) throws SQLException {
		String name = prefix + suffix;
		execute("DROP DATABASE IF EXISTS " + name);
		execute(createAsCopy(name, template));
		created.add(name);
		return name;
	}

	/** What the extension's full reset does: drop, then copy the template again (PostgresDatabases.recreate). */
	public synchronized void recreate(String name, String template) throws SQLException {
		requireOurs(name);
		execute("DROP DATABASE " + name + " WITH (FORCE)");
		execute(createAsCopy(name, template));
	}

	/**
	 * Runs a checkpoint now. TRUNCATE and DROP DATABASE leave files to unlink and buffers to write at the next
	 * checkpoint, and CREATE DATABASE … STRATEGY FILE_COPY runs two: without this, a candidate would pay for the
	 * backlog the previous one left.
	 */
	public synchronized void checkpoint() throws SQLException {
		execute("CHECKPOINT");
	}

	public synchronized void drop(String name) throws SQLException {
		requireOurs(name);
		execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		created.remove(name);
	}

	private String createAsCopy(String name, String template) {
		// FILE_COPY (15+) copies the files instead of WAL-logging every block: faster for small databases, but it
		// checkpoints, which a durable server pays for
		String strategy = server.majorVersion() >= 15 ? " STRATEGY FILE_COPY" : "";
		return "CREATE DATABASE " + name + " TEMPLATE " + template + strategy;
	}

	private void requireOurs(String name) {
		if (!created.contains(name)) {
			throw new IllegalStateException("not a database this benchmark created: " + name);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = administration.createStatement()) {
			statement.execute(sql);
		}
	}

	private synchronized void dropAll() {
		for (String name : new ArrayList<>(created)) {
			try {
				drop(name);
			}
			catch (SQLException e) {
				System.err.println("Could not drop " + name + " on " + server.label() + ": " + e.getMessage());
			}
		}
	}

	@Override
	public synchronized void close() throws SQLException {
		dropAll();
		administration.close();
		try {
			Runtime.getRuntime().removeShutdownHook(dropOnExit);
		}
		catch (IllegalStateException e) {
			// already shutting down: the hook is running or has run
		}
	}
}
