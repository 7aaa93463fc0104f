package io.github.dbundertest.internal.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.config.BackendSelection;
import org.junit.jupiter.api.Test;

/** The warm-up loads the drivers of the selected backends only, and names classes that exist. */
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

	private static BackendSelection selection(Set<Backend> backends) {
		return new BackendSelection(backends, "the test");
	}
}
