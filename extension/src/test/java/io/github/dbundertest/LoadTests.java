package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 generated test classes on both backends, classes and methods concurrent on 4 threads, against the external
 * server (max_connections 100): no cross-talk, no deadlock, a bounded number of connections, and file handles and
 * memory back where they were.
 */
class LoadTests {

	private static final int CLASSES = 200;

	@Test
	void twoHundredClassesInParallelStayIsolatedAndWithinBudget(@TempDir Path sources) throws Exception {
		ExternalServer.assumeAvailable();
		List<Class<?>> classes = generate(sources);
		long handlesBefore = openFileHandles();
		long heapBefore = usedHeapAfterGc();
		AtomicInteger peakConnections = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> sampleConnections(peakConnections, running), "connection-sampler");
		sampler.start();

		var results = Engine.onAllBackends()
			.with(DatabaseUnderTest.POSTGRES_URL_PROPERTY, CleanupTests.EXTERNAL_SERVER)
			.with("junit.jupiter.execution.parallel.enabled", "true")
			.with("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.with("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.with("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.with("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
			.run(classes.toArray(Class<?>[]::new));
		running.set(false);
		sampler.join();

		results.testEvents().assertStatistics(stats -> stats.succeeded(CLASSES * 2 * 3).failed(0));
		assertThat(peakConnections.get()).as("peak connections to the run's databases")
			.isPositive()
			.isLessThanOrEqualTo(allowedConnections());
		assertThat(openFileHandles() - handlesBefore).as("file handles left open").isLessThanOrEqualTo(10);
		assertThat(usedHeapAfterGc() - heapBefore).as("heap kept after the run").isLessThan(64L << 20);
	}

	private static List<Class<?>> generate(Path sources) throws IOException, ClassNotFoundException {
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < CLASSES; i++) {
			Path file = sources.resolve("generated/Load" + i + "Test.java");
			Files.createDirectories(file.getParent());
			Files.writeString(file, """
					package generated;

					import java.sql.Connection;
					import java.sql.ResultSet;
					import java.sql.Statement;

					import io.github.dbundertest.DatabaseUnderTest;
					import org.junit.jupiter.api.RepeatedTest;

					@DatabaseUnderTest
					public class Load%1$dTest {

					    @RepeatedTest(3)
					    void seesOnlyItsOwnRows(Connection connection) throws Exception {
					        try (Statement statement = connection.createStatement()) {
					            statement.executeUpdate("INSERT INTO author (id, name) VALUES (500, 'Load%1$d')");
					            try (ResultSet rows = statement.executeQuery("SELECT string_agg(name, ',') FROM "
					                    + "(SELECT name FROM author ORDER BY id) names")) {
					                rows.next();
					                String names = rows.getString(1);
					                if (names == null || !names.equals("Migrated Author,Load%1$d")) {
					                    throw new AssertionError("Load%1$d sees " + names);
					                }
					            }
					        }
					    }
					}
					""".formatted(i).replace("string_agg(name, ',')", "group_concat_or_string_agg"));
			files.add(file);
		}
		// string_agg is PostgreSQL, group_concat SQLite: each class asks in the dialect of its backend
		for (Path file : files) {
			Files.writeString(file, Files.readString(file)
				.replace("\"SELECT group_concat_or_string_agg FROM \"",
						"(connection.getMetaData().getURL().startsWith(\"jdbc:sqlite\") ? \"SELECT group_concat(name, ',') FROM \" : \"SELECT string_agg(name, ',') FROM \")"));
		}
		int status = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, Stream.concat(Stream.of("-d", sources.toString(), "-cp", System.getProperty("java.class.path")),
					files.stream().map(Path::toString)).toArray(String[]::new));
		assertThat(status).as("generated classes compile").isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { sources.toUri().toURL() }, LoadTests.class.getClassLoader());
		List<Class<?>> classes = new ArrayList<>();
		for (int i = 0; i < CLASSES; i++) {
			classes.add(loader.loadClass("generated.Load" + i + "Test"));
		}
		return classes;
	}

	private static void sampleConnections(AtomicInteger peak, AtomicBoolean running) {
		try (Connection connection = DriverManager.getConnection(ExternalServer.URL, "postgres", null);
				Statement statement = connection.createStatement()) {
			while (running.get()) {
				try (ResultSet rows = statement.executeQuery(
						"SELECT count(*) FROM pg_stat_activity WHERE datname LIKE 'dbundertest\\_%'")) {
					rows.next();
					peak.accumulateAndGet(rows.getInt(1), Math::max);
				}
				Thread.sleep(10);
			}
		}
		catch (SQLException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	/** What the server allows beyond superusers' reserve: the budget the run must stay within. */
	private static int allowedConnections() throws SQLException {
		try (Connection connection = DriverManager.getConnection(ExternalServer.URL, "postgres", null)) {
			return Integer.parseInt(ResetTests.column(connection, "SELECT current_setting('max_connections')::int "
					+ "- current_setting('superuser_reserved_connections')::int").replaceAll("[\\[\\]]", ""));
		}
	}

	private static long openFileHandles() throws IOException {
		try (Stream<Path> handles = Files.list(Path.of("/proc/self/fd"))) {
			return handles.count();
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}
}
