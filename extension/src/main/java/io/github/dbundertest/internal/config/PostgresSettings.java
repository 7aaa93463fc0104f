package io.github.dbundertest.internal.config;

import java.util.Optional;

import io.github.dbundertest.DatabaseUnderTest;

/**
 * Everything that decides which PostgreSQL server a run uses, read and validated before anything starts.
 * Value equality makes it the key of the JVM-wide server registry.
 *
 * @param provider the provider asked for
 * @param url the external server, if a URL is set
 * @param urlOrigin where the URL came from, for messages
 * @param image the container image asked for, if any
 * @param origin where the provider choice came from, for log lines and messages
 * @param cache whether migrated templates are kept between runs
 */
public record PostgresSettings(PostgresProvider provider, Optional<PostgresUrl> url, String urlOrigin,
		Optional<String> image, String origin, CacheMode cache) {

	public static PostgresSettings from(ConfigurationSource source) {
		PostgresProvider provider = PostgresProvider.from(source);
		String origin = source
			.find(DatabaseUnderTest.POSTGRES_PROVIDER_PROPERTY, DatabaseUnderTest.POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE)
			.map(setting -> setting.origin() + "=" + setting.value())
			.orElse("the default (auto)");
		Optional<ConfigurationSource.Setting> urlSetting = source.find(DatabaseUnderTest.POSTGRES_URL_PROPERTY,
				DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE);
		Optional<PostgresUrl> url = urlSetting.map(setting -> PostgresUrl.parse(setting.value(), setting.origin()));
		String urlOrigin = urlSetting.map(ConfigurationSource.Setting::origin).orElse("no URL set");
		Optional<String> image = source
			.find(DatabaseUnderTest.POSTGRES_IMAGE_PROPERTY, DatabaseUnderTest.POSTGRES_IMAGE_ENVIRONMENT_VARIABLE)
			.map(ConfigurationSource.Setting::value);
		if (provider == PostgresProvider.EXTERNAL && url.isEmpty()) {
			throw new ConfigurationException("The PostgreSQL provider is 'external' (" + origin
					+ ") but no server URL is set. Set " + DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE
					+ " or -D" + DatabaseUnderTest.POSTGRES_URL_PROPERTY
					+ ", e.g. postgresql://postgres:secret@localhost:5432/postgres, or choose another provider.");
		}
		return new PostgresSettings(provider, url, urlOrigin, image, origin, CacheMode.from(source));
	}
}
