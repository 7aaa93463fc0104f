package io.github.dbundertest.benchmarks;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

import io.github.dbundertest.internal.template.SqliteProvisioner;
import org.sqlite.SQLiteDataSource;

/**
 * The extension's settings that are not public API, read reflectively so that the benchmark measures with exactly
 * what the extension uses today rather than with a copy that drifts. If the extension renames them, this fails
 * loudly instead of measuring something else.
 */
public final class ExtensionInternals {

	private ExtensionInternals() {
	}

	/** {@code EmbeddedPostgresServer.SERVER_SETTINGS}: fsync off, autovacuum off and so on. */
	@SuppressWarnings("unchecked")
	public static Map<String, String> embeddedServerSettings() {
		try {
			Field field = Class.forName("io.github.dbundertest.internal.server.EmbeddedPostgresServer")
				.getDeclaredField("SERVER_SETTINGS");
			field.setAccessible(true);
			return Map.copyOf((Map<String, String>) field.get(null));
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException("The extension's embedded server settings moved; update the benchmark", e);
		}
	}

	/** The JDBC URL {@code SqliteProvisioner.dataSource(Path)} gives a database file, with its connection settings. */
	public static String sqliteUrl(Path file) {
		try {
			Method method = SqliteProvisioner.class.getDeclaredMethod("dataSource", Path.class);
			method.setAccessible(true);
			return ((SQLiteDataSource) method.invoke(null, file)).getUrl();
		}
		catch (ReflectiveOperationException | ClassCastException e) {
			throw new IllegalStateException("The extension's SQLite data source moved; update the benchmark", e);
		}
	}
}
