package io.github.dbundertest.internal.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.github.dbundertest.Backend;
import io.github.dbundertest.DatabaseUnderTest;

/** The backends chosen for this run, read from {@code dbundertest.backends} or {@code DATABASE_UNDER_TEST}. */
public record BackendSelection(Set<Backend> backends, String origin) {

	static final String VALID_VALUES = "sqlite, postgres (or postgresql), a comma-separated list of them, or all";

	public BackendSelection {
		backends = Collections.unmodifiableSet(EnumSet.copyOf(backends));
	}

	public static BackendSelection from(ConfigurationSource source) {
		return source.find(DatabaseUnderTest.BACKENDS_PROPERTY, DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE)
			.map(BackendSelection::parse)
			.orElseGet(() -> new BackendSelection(EnumSet.of(Backend.SQLITE), "the default"));
	}

	static BackendSelection parse(ConfigurationSource.Setting setting) {
		EnumSet<Backend> backends = EnumSet.noneOf(Backend.class);
		for (String part : setting.value().split(",", -1)) {
			String name = part.trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "sqlite" -> backends.add(Backend.SQLITE);
				case "postgres", "postgresql" -> backends.add(Backend.POSTGRES);
				case "all" -> backends.addAll(EnumSet.allOf(Backend.class));
				default -> throw new ConfigurationException("Unknown backend '" + part.trim() + "' in "
						+ setting.origin() + "='" + setting.value() + "'. Valid values: " + VALID_VALUES + ".");
			}
		}
		return new BackendSelection(backends, setting.origin() + "=" + setting.value());
	}

	public boolean includes(Backend backend) {
		return backends.contains(backend);
	}

	/** How to select more backends, for skip reasons. */
	public String howToSelect(Set<Backend> wanted) {
		String value = wanted.size() == 1 ? wanted.iterator().next().displayName() : "all";
		return "set " + DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE + "=" + value + " or -D"
				+ DatabaseUnderTest.BACKENDS_PROPERTY + "=" + value;
	}
}
