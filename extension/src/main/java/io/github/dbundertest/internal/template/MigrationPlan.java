package io.github.dbundertest.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.config.ConfigurationException;

/**
 * What makes a template database: the backend, its Flyway locations and its seed scripts, with {@code {vendor}}
 * already replaced. Value equality makes it the key under which a migrated template is built once and shared by
 * every class that asks for the same plan.
 *
 * @param backend the backend
 * @param locations Flyway locations, resolved for the backend
 * @param seeds seed script locations, resolved for the backend, in order
 */
public record MigrationPlan(Backend backend, List<String> locations, List<String> seeds) {

	static final String VENDOR_TOKEN = "{vendor}";

	public MigrationPlan {
		locations = List.copyOf(locations);
		seeds = List.copyOf(seeds);
	}

	/**
	 * Resolves {@code {vendor}} and checks that every location and seed exists, before anything is started.
	 *
	 * @param owner the annotated class, named in error messages
	 */
	public static MigrationPlan resolve(Backend backend, String[] migrations, String[] seeds, Class<?> owner,
			ClassLoader classLoader) {
		List<String> locations = new ArrayList<>();
		for (String migration : migrations) {
			String location = migration.trim().replace(VENDOR_TOKEN, backend.vendor());
			if (location.isEmpty()) {
				throw new ConfigurationException("@DatabaseUnderTest(migrations = …) on " + owner.getName()
						+ " contains an empty location. Remove it, or name a folder such as 'classpath:db/migration'.");
			}
			if (!locationExists(location, classLoader)) {
				throw new ConfigurationException("Migration location '" + location + "' of @DatabaseUnderTest on "
						+ owner.getName() + " does not exist (backend " + backend.displayName() + describeToken(migration)
						+ "). Create it" + whereToCreate(location) + ", or fix @DatabaseUnderTest(migrations = …).");
			}
			locations.add(location);
		}
		List<String> resolvedSeeds = new ArrayList<>();
		for (String seed : seeds) {
			String location = seed.trim().replace(VENDOR_TOKEN, backend.vendor());
			if (openSeed(location, classLoader) == null) {
				throw new ConfigurationException("Seed script '" + location + "' of @DatabaseUnderTest on "
						+ owner.getName() + " does not exist (backend " + backend.displayName() + describeToken(seed)
						+ "). Create it" + whereToCreate(location) + ", or fix @DatabaseUnderTest(seed = …).");
			}
			resolvedSeeds.add(location);
		}
		return new MigrationPlan(backend, locations, resolvedSeeds);
	}

	private static String describeToken(String original) {
		return original.contains(VENDOR_TOKEN) ? ", from '" + original.trim() + "'" : "";
	}

	private static String whereToCreate(String location) {
		if (location.startsWith("classpath:") || !location.contains(":")) {
			return " under src/test/resources/" + stripPrefix(location);
		}
		return "";
	}

	static String stripPrefix(String location) {
		String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		return path;
	}

	private static boolean locationExists(String location, ClassLoader classLoader) {
		if (location.startsWith("filesystem:")) {
			return Files.isDirectory(Path.of(location.substring("filesystem:".length())));
		}
		if (location.startsWith("classpath:") || !location.contains(":")) {
			return classLoader.getResource(stripPrefix(location)) != null;
		}
		return true; // other Flyway schemes (cloud storage, …) are checked by Flyway itself
	}

	/** The seed script's text, or {@code null} if there is no such script. */
	static String readSeed(String location, ClassLoader classLoader) throws IOException {
		try (InputStream in = openSeed(location, classLoader)) {
			return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static InputStream openSeed(String location, ClassLoader classLoader) {
		try {
			if (location.startsWith("filesystem:")) {
				Path path = Path.of(location.substring("filesystem:".length()));
				return Files.isRegularFile(path) ? Files.newInputStream(path) : null;
			}
			URL resource = classLoader.getResource(stripPrefix(location));
			return resource == null ? null : resource.openStream();
		}
		catch (IOException e) {
			return null;
		}
	}
}
