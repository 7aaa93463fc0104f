package io.github.dbundertest.internal.config;

/**
 * A setting or annotation value that cannot work; the message names it, quotes the bad value and says the fix.
 * The JUnit layer turns it into an {@code ExtensionConfigurationException}.
 */
public final class ConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConfigurationException(String message) {
		super(message);
	}

	public ConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}
}
