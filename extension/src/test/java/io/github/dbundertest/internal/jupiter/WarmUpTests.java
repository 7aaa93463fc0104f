package io.github.dbundertest.internal.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.config.BackendSelection;
import io.github.dbundertest.internal.config.CacheMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up loads the drivers of the selected backends only, names classes that exist, and Flyway when needed. */
class WarmUpTests {

	@Test
	void loadsTheDriversOfTheSelectedBackendsOnly() {
		assertThat(WarmUp.driversFor(selection(EnumSet.of(Backend.SQLITE)))).containsExactly("org.sqlite.JDBC");
		assertThat(WarmUp.driversFor(selection(EnumSet.of(Backend.POSTGRES)))).containsExactly("org.postgresql.Driver");
		assertThat(WarmUp.driversFor(selection(EnumSet.allOf(Backend.class))))
			.containsExactlyInAnyOrder("org.sqlite.JDBC", "org.postgresql.Driver");
	}

	@Test
	void namesDriverClassesThatExist() throws ClassNotFoundException {
		for (String driver : WarmUp.driversFor(selection(EnumSet.allOf(Backend.class)))) {
			assertThat(Class.forName(driver, false, getClass().getClassLoader())).isNotNull();
		}
	}

	@Test
	void skipsFlywayOnlyWhenTheCacheIsOnAndHoldsSomething(@TempDir Path folder) throws IOException {
		Path cache = folder.resolve("dbundertest-cache");
		assertThat(WarmUp.migrationsLikely(CacheMode.AUTO, cache)).as("no cache folder yet").isTrue();
		Files.createDirectories(cache);
		assertThat(WarmUp.migrationsLikely(CacheMode.AUTO, cache)).as("an empty cache").isTrue();
		Files.writeString(cache.resolve("sqlite-0123.sqlite"), "");
		assertThat(WarmUp.migrationsLikely(CacheMode.AUTO, cache)).as("a template in the cache").isFalse();
		assertThat(WarmUp.migrationsLikely(CacheMode.ON, cache)).isFalse();
		assertThat(WarmUp.migrationsLikely(CacheMode.OFF, cache)).as("the cache off").isTrue();
	}

	@Test
	void opensSqliteInMemoryWithTheExtensionsSettings() throws Exception {
		assertThat(WarmUp.openInMemorySqlite()).as("the file of the warm-up's database").isEmpty();
	}

	private static BackendSelection selection(Set<Backend> backends) {
		return new BackendSelection(backends, "the test");
	}
}
