package io.github.dbundertest.internal.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where settings come from, first found wins: a JVM system property, an environment variable, a JUnit
 * configuration parameter. Blank values count as unset, so that {@code DATABASE_UNDER_TEST=} in a CI file
 * means "the default" rather than an error.
 */
public final class ConfigurationSource {

	private final Function<String, String> systemProperties;
	private final Function<String, String> environment;
	private final Function<String, Optional<String>> configurationParameters;

	public ConfigurationSource(Function<String, String> systemProperties, Function<String, String> environment,
			Function<String, Optional<String>> configurationParameters) {
		this.systemProperties = systemProperties;
		this.environment = environment;
		this.configurationParameters = configurationParameters;
	}

	/** Reads the running JVM's system properties and environment, plus the given configuration parameters. */
	public static ConfigurationSource of(Function<String, Optional<String>> configurationParameters) {
		return new ConfigurationSource(System::getProperty, System::getenv, configurationParameters);
	}

	/**
	 * The value of a setting that can be given as system property or configuration parameter {@code key}, or
	 * as environment variable {@code environmentVariable} (which may be {@code null} if there is none).
	 */
	public Optional<Setting> find(String key, String environmentVariable) {
		String value = systemProperties.apply(key);
		if (isSet(value)) {
			return Optional.of(new Setting(key, value.trim(), "system property " + key));
		}
		if (environmentVariable != null) {
			value = environment.apply(environmentVariable);
			if (isSet(value)) {
				return Optional.of(new Setting(key, value.trim(), "environment variable " + environmentVariable));
			}
		}
		return configurationParameters.apply(key)
			.filter(ConfigurationSource::isSet)
			.map(parameter -> new Setting(key, parameter.trim(), "JUnit configuration parameter " + key));
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * One setting's value and where it was found, so that an error can point at the place to fix.
	 *
	 * @param key the setting's key, e.g. {@code dbundertest.backends}
	 * @param value the value, trimmed
	 * @param origin where it was found, e.g. {@code environment variable DATABASE_UNDER_TEST}
	 */
	public record Setting(String key, String value, String origin) {
	}
}
