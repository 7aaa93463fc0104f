package io.github.dbundertest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine, the way JUnit tests its own extensions. The fixtures' backends
 * and servers are chosen with JUnit configuration parameters, which the JVM's system properties and environment
 * would override.
 */
final class Engine {

	static {
		// A selection meant for the user-facing suites (mvn verify -Ddbundertest.backends=all) reaches this JVM
		// too; the extension's own tests choose per test. The environment variables are blanked in the pom.
		for (String key : new String[] { DatabaseUnderTest.BACKENDS_PROPERTY, DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY,
				DatabaseUnderTest.POSTGRES_URL_PROPERTY, DatabaseUnderTest.POSTGRES_IMAGE_PROPERTY }) {
			System.clearProperty(key);
		}
	}

	private final Map<String, String> configuration = new LinkedHashMap<>();

	private Engine() {
	}

	static Engine onBackends(String backends) {
		String fromEnvironment = System.getenv(DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE);
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			throw new IllegalStateException("The extension's own tests choose their backends themselves: run them "
					+ "without " + DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE + " (found '" + fromEnvironment + "').");
		}
		Engine engine = new Engine();
		if (backends != null) {
			engine.configuration.put(DatabaseUnderTest.BACKENDS_PROPERTY, backends);
		}
		return engine;
	}

	static Engine onAllBackends() {
		return onBackends("all");
	}

	Engine with(String key, String value) {
		configuration.put(key, value);
		return this;
	}

	EngineExecutionResults run(Class<?>... testClasses) {
		if (!configuration.containsKey(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY)
				&& !configuration.containsKey(DatabaseUnderTest.POSTGRES_URL_PROPERTY)) {
			configuration.putAll(Provider.current().configuration());
		}
		var request = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration);
		for (Class<?> testClass : testClasses) {
			request.selectors(selectClass(testClass));
		}
		return request.execute();
	}
}
