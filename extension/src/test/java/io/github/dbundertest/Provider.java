package io.github.dbundertest;

import java.util.Map;

import io.github.dbundertest.internal.server.ContainerProbe;
import io.github.dbundertest.internal.server.DockerProbe;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL provider the engine-level suite runs its fixtures on, chosen per Surefire execution with the
 * system property {@value #PROPERTY}: the same suite runs on the embedded server, the external server on
 * 127.0.0.1:5432 and a Testcontainers container.
 */
enum Provider {

	EMBEDDED, EXTERNAL, TESTCONTAINERS;

	static final String PROPERTY = "selftest.postgres.provider";

	static Provider current() {
		Provider provider = valueOf(System.getProperty(PROPERTY, "embedded").toUpperCase(java.util.Locale.ROOT));
		if (provider == EXTERNAL) {
			ExternalServer.assumeAvailable();
		}
		if (provider == TESTCONTAINERS) {
			assumeDocker();
		}
		return provider;
	}

	Map<String, String> configuration() {
		return switch (this) {
			case EMBEDDED -> Map.of(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "embedded");
			case EXTERNAL -> Map.of(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "external",
					DatabaseUnderTest.POSTGRES_URL_PROPERTY, CleanupTests.EXTERNAL_SERVER);
			case TESTCONTAINERS -> Map.of(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, "testcontainers");
		};
	}

	/**
	 * Without Docker the Testcontainers run is skipped with the reason, and so it is where Docker answers but no
	 * container of the default image starts; where {@code DBUNDERTEST_REQUIRE_DOCKER=true} (CI) it fails instead,
	 * and the containers' own errors fail the tests, so that it can never be skipped silently there.
	 */
	private static void assumeDocker() {
		DockerProbe.Result docker = DockerProbe.probe();
		boolean required = "true".equals(System.getenv("DBUNDERTEST_REQUIRE_DOCKER"));
		if (!docker.answers()) {
			String reason = "Docker does not answer: " + docker.detail();
			if (required) {
				throw new AssertionError(reason + ", and DBUNDERTEST_REQUIRE_DOCKER=true requires it");
			}
			Assumptions.abort(reason);
		}
		if (!required) {
			ContainerProbe.whyNoContainerStarts()
				.ifPresent(reason -> Assumptions.abort("Docker answers, but no container starts here: " + reason));
		}
	}
}
