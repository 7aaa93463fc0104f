package io.github.dbundertest.internal.server;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

import io.github.dbundertest.internal.OncePerKey;
import io.github.dbundertest.internal.config.CacheMode;
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
	/**
	 * The embedded servers, by the settings that set them apart: auto that found no Docker and embedded asked for by
	 * name, with the cache on or auto, share one server, which alone can hold the cached data folder.
	 */
	private static final OncePerKey<PostgresSettings, PostgresServer> EMBEDDED = new OncePerKey<>();

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
		if (settings.provider() == PostgresProvider.AUTO && provider == PostgresProvider.TESTCONTAINERS) {
			try {
				return startContainer(settings);
			}
			catch (ConfigurationException e) {
				LOG.log(Level.WARNING, () -> "PostgreSQL provider: embedded after all (auto): " + e.getMessage());
				return embedded(settings);
			}
		}
		return switch (provider) {
			case EXTERNAL -> ExternalPostgresServer.connect(settings.url().orElseThrow(), settings.urlOrigin());
			case EMBEDDED -> embedded(settings);
			case TESTCONTAINERS -> startContainer(settings);
			case AUTO -> throw new IllegalStateException("auto is resolved before starting");
		};
	}

	private static PostgresServer embedded(PostgresSettings settings) {
		// the cache decides only whether the server keeps its data folder (auto and on alike); an image, which the
		// embedded server ignores, still asks for a server of its own
		PostgresSettings key = new PostgresSettings(PostgresProvider.EMBEDDED, Optional.empty(), "", settings.image(), "",
				settings.cache() == CacheMode.OFF ? CacheMode.OFF : CacheMode.AUTO);
		return EMBEDDED.get(key, chosen -> EmbeddedPostgresServer.start(chosen.cache()));
	}

	private static PostgresServer startContainer(PostgresSettings settings) {
		if (!TestcontainersPostgresServer.isOnClasspath()) {
			throw new ConfigurationException("The PostgreSQL provider 'testcontainers' (" + settings.origin()
					+ ") needs " + TestcontainersPostgresServer.ARTIFACT + " on the test classpath: add it as a "
					+ "test dependency, or choose DATABASE_UNDER_TEST_POSTGRES_PROVIDER=embedded.");
		}
		if (settings.provider() == PostgresProvider.TESTCONTAINERS) {
			DockerProbe.Result docker = DockerProbe.probe();
			if (!docker.answers()) {
				throw new ConfigurationException("The PostgreSQL provider 'testcontainers' (" + settings.origin()
						+ ") needs a running Docker engine, but " + docker.detail() + ". Start Docker, or choose "
						+ "another provider: DATABASE_UNDER_TEST_POSTGRES_PROVIDER=embedded (no Docker needed), or an "
						+ "existing server through DATABASE_UNDER_TEST_POSTGRES_URL.");
			}
		}
		return TestcontainersPostgresServer.start(settings.image().orElse(TestcontainersPostgresServer.DEFAULT_IMAGE));
	}

	/**
	 * What {@code auto} means here and now: external if a URL is set, else Testcontainers if Docker answers and
	 * Testcontainers is on the classpath, else embedded. Says in one log line which and why.
	 */
	static PostgresProvider resolve(PostgresSettings settings) {
		if (settings.provider() != PostgresProvider.AUTO) {
			LOG.log(Level.INFO, () -> "PostgreSQL provider: " + settings.provider().key() + " (" + settings.origin() + ")");
			return settings.provider();
		}
		if (settings.url().isPresent()) {
			LOG.log(Level.INFO, () -> "PostgreSQL provider: external (auto: a server URL is set in "
					+ settings.urlOrigin() + ")");
			return PostgresProvider.EXTERNAL;
		}
		DockerProbe.Result docker = DockerProbe.probe();
		if (docker.answers() && TestcontainersPostgresServer.isOnClasspath()) {
			LOG.log(Level.INFO, () -> "PostgreSQL provider: testcontainers (auto: no server URL is set, Docker answers at "
					+ docker.endpoint() + ")");
			return PostgresProvider.TESTCONTAINERS;
		}
		String why = docker.answers()
				? "Docker answers at " + docker.endpoint() + ", but " + TestcontainersPostgresServer.ARTIFACT
						+ " is not on the classpath"
				: docker.detail();
		LOG.log(Level.INFO, () -> "PostgreSQL provider: embedded (auto: no server URL is set; " + why + ")");
		return PostgresProvider.EMBEDDED;
	}

	private static void stopAll() {
		Set<PostgresServer> servers = Collections.newSetFromMap(new IdentityHashMap<>());
		servers.addAll(SERVERS.values());
		servers.addAll(EMBEDDED.values());
		servers.forEach(server -> {
			try {
				server.close();
			}
			catch (RuntimeException e) {
				LOG.log(Level.WARNING, "Could not stop " + server.description(), e);
			}
		});
		SERVERS.clear();
		EMBEDDED.clear();
	}
}
