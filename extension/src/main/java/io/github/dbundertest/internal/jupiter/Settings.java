package io.github.dbundertest.internal.jupiter;

import io.github.dbundertest.internal.config.BackendSelection;
import io.github.dbundertest.internal.config.ConfigurationSource;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Reads settings from the JVM, the environment and the JUnit configuration of the running engine. */
final class Settings {

	private Settings() {
	}

	static ConfigurationSource source(ExtensionContext context) {
		return ConfigurationSource.of(context::getConfigurationParameter);
	}

	static BackendSelection selection(ExtensionContext context) {
		return BackendSelection.from(source(context));
	}

	/** The class loader that sees the test's resources: migrations and seeds live there. */
	static ClassLoader classLoader(ExtensionContext context) {
		ClassLoader contextClassLoader = Thread.currentThread().getContextClassLoader();
		return contextClassLoader != null ? contextClassLoader : context.getRequiredTestClass().getClassLoader();
	}
}
