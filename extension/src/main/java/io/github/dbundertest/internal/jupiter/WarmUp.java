package io.github.dbundertest.internal.jupiter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.BuildFolders;
import io.github.dbundertest.internal.config.BackendSelection;
import io.github.dbundertest.internal.config.CacheMode;
import io.github.dbundertest.internal.config.ConfigurationSource;
import io.github.dbundertest.internal.template.SqliteProvisioner;
import org.flywaydb.core.Flyway;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.sqlite.SQLiteDataSource;

/**
 * While JUnit discovers the tests, loads on a thread of its own what the first database of the run will need:
 * the JDBC drivers of the selected backends (SQLite's unpacks and loads its native library) and, unless the
 * templates will likely come from the cache, Flyway and its plugins. In a new JVM these cost about as much as
 * discovery itself, and discovery keeps one core busy at most, so the first test class no longer waits for them
 * (as Spring Boot's background pre-initialization does for its own). It starts no server and touches no database
 * file: on SQLite it opens one database in memory, so that the driver's connection path is loaded too.
 * Whatever is missing or fails here is skipped, to fail with its message where it is used.
 */
public final class WarmUp implements LauncherDiscoveryListener {

	@Override
	public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
		BackendSelection selection;
		boolean migrationsLikely;
		try {
			ConfigurationSource source = ConfigurationSource.of(request.getConfigurationParameters()::get);
			selection = BackendSelection.from(source);
			migrationsLikely = migrationsLikely(CacheMode.from(source),
					BuildFolders.extensionFolder(BuildFolders.CACHE));
		}
		catch (RuntimeException e) {
			return; // a bad setting is reported where the extension reads it
		}
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		List<String> drivers = driversFor(selection);
		Thread thread = new Thread(() -> warmUp(drivers, migrationsLikely, classLoader), "dbundertest-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	/** The JDBC driver classes of the selected backends. */
	static List<String> driversFor(BackendSelection selection) {
		List<String> drivers = new ArrayList<>();
		if (selection.includes(Backend.SQLITE)) {
			drivers.add("org.sqlite.JDBC");
		}
		if (selection.includes(Backend.POSTGRES)) {
			drivers.add("org.postgresql.Driver");
		}
		return drivers;
	}

	/**
	 * Whether Flyway will probably run: unless the cache is on and its folder holds something, in which case the
	 * templates most likely come from there and loading Flyway would only take a core from JUnit.
	 */
	static boolean migrationsLikely(CacheMode cache, Path cacheFolder) {
		if (cache == CacheMode.OFF) {
			return true;
		}
		try (Stream<Path> entries = Files.list(cacheFolder)) {
			return entries.findAny().isEmpty();
		}
		catch (IOException e) {
			return true; // no cache folder yet
		}
	}

	/**
	 * Opens and closes a SQLite database in memory, with the settings of the extension's own connections: the
	 * driver's connection, statement and result classes load, and its configuration builds its date formats (tens
	 * of milliseconds in a new JVM), before the first test's connection needs them. No file is touched.
	 *
	 * @return the file SQLite says holds the database: none, since it is in memory
	 */
	static String openInMemorySqlite() throws SQLException {
		SQLiteDataSource dataSource = SqliteProvisioner.inMemoryDataSource();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT ?, file FROM pragma_database_list WHERE name = 'main'")) {
			statement.setString(1, "warm-up");
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				rows.getString(1);
				return rows.getString(2);
			}
		}
	}

	private static void warmUp(List<String> drivers, boolean migrationsLikely, ClassLoader classLoader) {
		for (String driver : drivers) {
			try {
				Class.forName(driver, true, classLoader);
				if (driver.equals("org.sqlite.JDBC")) {
					org.sqlite.SQLiteJDBCLoader.initialize();
					openInMemorySqlite();
				}
			}
			catch (Exception | LinkageError e) {
				// not on the class path, or broken: said when a database of that backend is asked for
			}
		}
		if (!migrationsLikely) {
			return;
		}
		try {
			Flyway.configure(classLoader).load();
		}
		catch (RuntimeException | LinkageError e) {
			// the same: the migration says what is wrong
		}
	}
}
