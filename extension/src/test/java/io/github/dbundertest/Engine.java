package io.github.dbundertest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine, the way JUnit tests its own extensions. The backends are
 * chosen with the JUnit configuration parameter, so the JVM's own selection must be unset.
 */
final class Engine {

	private final Map<String, String> configuration = new LinkedHashMap<>();

	private Engine() {
	}

	static Engine onBackends(String backends) {
		String fromJvm = System.getProperty(DatabaseUnderTest.BACKENDS_PROPERTY);
		String fromEnvironment = System.getenv(DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE);
		if ((fromJvm != null && !fromJvm.isBlank()) || (fromEnvironment != null && !fromEnvironment.isBlank())) {
			throw new IllegalStateException("The extension's own tests choose their backends themselves: run them "
					+ "without -D" + DatabaseUnderTest.BACKENDS_PROPERTY + " and without "
					+ DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE + " (found '" + fromJvm + "', '"
					+ fromEnvironment + "').");
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
		var request = EngineTestKit.engine("junit-jupiter").configurationParameters(configuration);
		for (Class<?> testClass : testClasses) {
			request.selectors(selectClass(testClass));
		}
		return request.execute();
	}
}
