package io.github.dbundertest.internal.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.BuildFolders;
import io.github.dbundertest.internal.config.CacheMode;
import io.github.dbundertest.internal.parity.SqliteParityCheck;
import io.github.dbundertest.internal.reset.SqliteRestore;
import io.github.dbundertest.internal.server.Durations;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite class databases: the template is a migrated database file; each class database is a copy of it in the
 * run's folder, reset by copying the template's pages back ({@link SqliteRestore}).
 */
public final class SqliteProvisioner extends DatabaseProvisioner<Path> {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	private final Workspace workspace;
	private final ClassLoader classLoader;
	private final boolean parity;
	private final Map<Path, Set<String>> parityBaselines = new ConcurrentHashMap<>();
	private final Optional<Path> cacheFolder;
	private final AtomicInteger counter = new AtomicInteger();

	/**
	 * @param cache whether migrated templates are kept between runs, under the build's output folder
	 * @param parity whether connections compare {@code LIKE} with letter case and return unordered rows in
	 *        reverse, as PostgreSQL may
	 */
	public SqliteProvisioner(ClassLoader classLoader, CacheMode cache, boolean parity) {
		this.classLoader = classLoader;
		this.parity = parity;
		this.workspace = Workspace.create();
		this.cacheFolder = cache == CacheMode.OFF ? Optional.empty()
				: Optional.of(BuildFolders.extensionFolder(BuildFolders.CACHE));
	}

	@Override
	public String description() {
		return "SQLite " + org.sqlite.SQLiteJDBCLoader.getVersion();
	}

	@Override
	protected ClassDatabase copy(Path template) throws IOException {
		Path file = workspace.directory().resolve("db-" + counter.incrementAndGet() + ".sqlite");
		Files.copy(template, file);
		SQLiteDataSource dataSource = dataSource(file, parity);
		SqliteRestore restore = new SqliteRestore(template, file, () -> open(dataSource, file));
		ClassDatabase.ParityCheck parityCheck = parity ? parityCheck(template, file) : ClassDatabase.ParityCheck.NONE;
		return new ClassDatabase(Backend.SQLITE, file.getFileName().toString(), dataSource.getUrl(), null, null,
				new TrackingDataSource(dataSource), restore,
				() -> {
					// a fresh file: connections still open keep the old one, and no journal left by an
					// abandoned transaction may be rolled back into the copy
					deleteDatabaseFiles(file);
					Files.copy(template, file);
				},
				() -> deleteDatabaseFiles(file), null, timings(), parityCheck);
	}

	/**
	 * Checks a copy of {@code template}; what the template itself holds is the migrations' to fix, not a test's.
	 * The template is looked at only once a check finds something, so that a clean run never pays for it.
	 */
	private ClassDatabase.ParityCheck parityCheck(Path template, Path file) {
		SQLiteDataSource plain = dataSource(file, false);
		SqliteParityCheck check = new SqliteParityCheck(file, () -> open(plain, file),
				() -> parityBaselines.computeIfAbsent(template, SqliteProvisioner::violationsIn));
		return new ClassDatabase.ParityCheck() {

			@Override
			public List<String> violations() throws SQLException {
				return check.findViolations();
			}

			@Override
			public OptionalLong changeCounter() {
				return check.changeCounter();
			}

			@Override
			public void close() {
				check.close();
			}
		};
	}

	/**
	 * What the parity check finds in a template: tests are judged only by what they add. Said once, the first time a
	 * test's check finds anything, since it is the migrations' or seeds' to fix.
	 */
	private static Set<String> violationsIn(Path template) {
		try (Connection connection = dataSource(template, false).getConnection()) {
			Set<String> violations = new LinkedHashSet<>(SqliteParityCheck.findViolations(connection));
			if (!violations.isEmpty()) {
				LOG.log(Level.WARNING, () -> "[sqlite] parity: the migrations and seeds already leave values that PostgreSQL "
						+ "would refuse or change; tests are checked only for values they add:\n  "
						+ String.join("\n  ", violations));
			}
			return violations;
		}
		catch (SQLException e) {
			throw new IllegalStateException("[sqlite] could not check the template " + template + " for parity: "
					+ e.getMessage(), e);
		}
	}

	/**
	 * A cached template is used as it is: cache files are written once, under a name that is the hash of what
	 * made them, and never changed, so that runs in other JVMs may read them at the same time.
	 */
	@Override
	protected Path buildTemplate(MigrationPlan plan) {
		long started = System.nanoTime();
		Optional<Path> cached = cacheFolder.map(folder -> folder.resolve("sqlite-" + TemplateKey.of(plan, classLoader) + ".sqlite"));
		if (cached.isPresent() && Files.isRegularFile(cached.get())) {
			timings().recordCacheHit();
			LOG.log(Level.INFO, () -> "[sqlite] template " + plan.locations() + " taken from the cache ("
					+ cached.get().getFileName() + ") in " + Durations.since(started));
			return cached.get();
		}
		Path file = workspace.directory().resolve("template-" + counter.incrementAndGet() + ".sqlite");
		Migrator.migrate(plan, dataSource(file, false), classLoader);
		LOG.log(Level.INFO, () -> "[sqlite] template " + plan.locations() + " migrated in " + Durations.since(started));
		cached.ifPresent(target -> store(file, target));
		return file;
	}

	private static void store(Path template, Path target) {
		try {
			Files.createDirectories(target.getParent());
			Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
			Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			LOG.log(Level.WARNING, () -> "Could not cache the SQLite template in " + target + ": " + e.getMessage());
		}
	}

	/**
	 * Connections with foreign keys enforced, as on PostgreSQL; without fsync, since a test database need not
	 * survive a crash; waiting up to 10 s for a lock another connection holds instead of failing at once. The
	 * settings are in the URL, so that connections the code under test opens with it get them too.
	 */
	static SQLiteDataSource dataSource(Path file) {
		return dataSource(file, true);
	}

	/**
	 * With {@code parity}, also: {@code LIKE} compares letter case, as PostgreSQL's does; a query without
	 * {@code ORDER BY} returns its rows in reverse, so that a test that relies on an order nobody asked for fails
	 * here as it may on PostgreSQL.
	 */
	static SQLiteDataSource dataSource(Path file, boolean parity) {
		return dataSource(file.toAbsolutePath().toString(), parity);
	}

	/** A database in memory, opened as the extension opens its databases: to warm the driver up, touching no file. */
	public static SQLiteDataSource inMemoryDataSource() {
		return dataSource(":memory:", true);
	}

	private static SQLiteDataSource dataSource(String file, boolean parity) {
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl("jdbc:sqlite:" + file + "?foreign_keys=true&busy_timeout=10000&synchronous=OFF"
				+ (parity ? "&case_sensitive_like=true&reverse_unordered_selects=true" : ""));
		return dataSource;
	}

	private static Connection open(SQLiteDataSource dataSource, Path file) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot open SQLite database " + file, e);
		}
	}

	private static void deleteDatabaseFiles(Path file) {
		for (String suffix : new String[] { "", "-journal", "-wal", "-shm" }) {
			try {
				Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	@Override
	public void close() {
		retireIdleDatabases();
		workspace.close();
		report("sqlite");
	}
}
