package io.github.dbundertest.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether migrated templates are kept between runs, keyed by a hash of the migrations, the seeds, the backend and
 * the extension's version: {@code dbundertest.cache} / {@code DATABASE_UNDER_TEST_CACHE}.
 */
public enum CacheMode {

	/** Cache where it harms nobody: SQLite files and the embedded server's data, under the build's output folder. */
	AUTO,

	/** Also keep templates on an external server or in a container. */
	ON,

	/** Build every template from scratch: for a CI job that must prove the migrations. */
	OFF;

	public static final String PROPERTY = "dbundertest.cache";
	public static final String ENVIRONMENT_VARIABLE = "DATABASE_UNDER_TEST_CACHE";

	public static CacheMode from(ConfigurationSource source) {
		return source.find(PROPERTY, ENVIRONMENT_VARIABLE).map(CacheMode::parse).orElse(AUTO);
	}

	static CacheMode parse(ConfigurationSource.Setting setting) {
		String wanted = setting.value().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(mode -> mode.name().toLowerCase(Locale.ROOT).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new ConfigurationException("Unknown cache setting '" + setting.value() + "' in "
					+ setting.origin() + ". Valid values: "
					+ Arrays.stream(values()).map(mode -> mode.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
					+ "."));
	}
}
