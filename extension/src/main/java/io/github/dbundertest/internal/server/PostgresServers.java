package io.github.dbundertest.internal.server;

import java.lang.System.Logger.Level;

import io.github.dbundertest.internal.OncePerKey;
import io.github.dbundertest.internal.config.ConfigurationException;
import io.github.dbundertest.internal.config.PostgresProvider;
import io.github.dbundertest.internal.config.PostgresSettings;

/**
 * The PostgreSQL servers of this JVM, started on first use and stopped when the JVM exits.
 *
 * <p>This is JVM-wide state on purpose: a server costs one to two seconds to start, and the contract is one server
 * per JVM, shared by every engine run in it (an IDE or a test of this extension runs the engine many times). It
 * is keyed by the settings that chose it, so runs with different settings never share a server. Databases are
 * not kept here: each engine run drops its own through {@link PostgresDatabases}.
 */
public final class PostgresServers {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	private static final OncePerKey<PostgresSettings, PostgresServer> SERVERS = new OncePerKey<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(PostgresServers::stopAll, "dbundertest-stop-postgres"));
	}

	private PostgresServers() {
	}

	/**
	 * The server for these settings, started or connected on first call; later calls return the same one, or
	 * fail at once the same way if it could not be started.
	 */
	public static PostgresServer serverFor(PostgresSettings settings) {
		return SERVERS.get(settings, PostgresServers::start);
	}

	private static PostgresServer start(PostgresSettings settings) {
		PostgresProvider provider = resolve(settings);
		return switch (provider) {
			case EXTERNAL -> ExternalPostgresServer.connect(settings.url().orElseThrow(), settings.urlOrigin());
			case EMBEDDED -> EmbeddedPostgresServer.start();
			case TESTCONTAINERS -> throw new ConfigurationException("The PostgreSQL provider 'testcontainers' ("
					+ settings.origin() + ") is not available in this version of dbundertest. Use "
					+ "DATABASE_UNDER_TEST_POSTGRES_PROVIDER=embedded, or an existing server through "
					+ "DATABASE_UNDER_TEST_POSTGRES_URL.");
			case AUTO -> throw new IllegalStateException("auto is resolved before starting");
		};
	}

	/** What {@code auto} means here and now: external if a URL is set, else embedded. */
	static PostgresProvider resolve(PostgresSettings settings) {
		if (settings.provider() != PostgresProvider.AUTO) {
			LOG.log(Level.INFO, () -> "PostgreSQL provider: " + settings.provider().key() + " (" + settings.origin() + ")");
			return settings.provider();
		}
		if (settings.url().isPresent()) {
			LOG.log(Level.INFO, "PostgreSQL provider: external (auto: a server URL is set)");
			return PostgresProvider.EXTERNAL;
		}
		LOG.log(Level.INFO, "PostgreSQL provider: embedded (auto: no server URL is set)");
		return PostgresProvider.EMBEDDED;
	}

	private static void stopAll() {
		SERVERS.values().forEach(server -> {
			try {
				server.close();
			}
			catch (RuntimeException e) {
				LOG.log(Level.WARNING, "Could not stop " + server.description(), e);
			}
		});
		SERVERS.clear();
	}
}
