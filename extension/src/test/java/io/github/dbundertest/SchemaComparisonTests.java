package io.github.dbundertest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

/** The schemas of a class's migrations on both backends, compared in a test; skipped where a backend is missing. */
class SchemaComparisonTests {

	static final Map<Backend, List<String>> SEEN = new ConcurrentHashMap<>();

	@Test
	void listsEveryDifferenceByKeyTheSameOnBothBackends() {
		SEEN.clear();
		var results = Engine.onAllBackends().run(ComparesTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.succeeded(4).failed(0));
		assertThat(SEEN.get(Backend.SQLITE)).containsExactly(
				"label.name: null: nullable on [sqlite], NOT NULL on [postgres]",
				"ticket.tags: a column only on [postgres] (text[])",
				"ticket.number: a column only on [postgres] (bigint)");
		assertThat(SEEN.get(Backend.POSTGRES)).isEqualTo(SEEN.get(Backend.SQLITE));
	}

	@Test
	void aRunOfOneBackendSkipsTheComparisonSayingWhatToSet() {
		var results = Engine.onBackends("sqlite").run(ComparesTestCase.class);

		assertThat(EventsOf.failureMessages(results.allEvents())).isEmpty();
		results.testEvents().assertStatistics(stats -> stats.skipped(2).failed(0));
		assertThat(EventsOf.skipReasons(results.testEvents()))
			.containsOnly("[sqlite] SchemaComparison compares both backends' schemas; this run covers only sqlite: set"
					+ " -Ddbundertest.backends=all or DATABASE_UNDER_TEST=all");
	}

	@DatabaseUnderTest(migrations = { "classpath:fixtures/vendor/common", "classpath:fixtures/vendor/{vendor}" })
	static class ComparesTestCase {

		@Test
		void recordsTheDifferences(SchemaComparison schemas, Backend backend) {
			SEEN.put(backend, schemas.differences());
		}

		@Test
		void acceptsTheKnownOnesAndNothingElse(SchemaComparison schemas) {
			schemas.assertSameSchema("label.name: null", "ticket.tags", "ticket.number");

			assertThatThrownBy(() -> schemas.assertSameSchema("label.name: null", "ticket.tags"))
				.isInstanceOf(AssertionError.class)
				.hasMessage("The migrations give different schemas on [sqlite] and [postgres]:\n"
						+ "  ticket.number: a column only on [postgres] (bigint)\n"
						+ "Make the migrations agree, or accept a difference by its key (the text before its first \": \""
						+ " after the name), e.g. assertSameSchema(\"ticket.number\").");
			assertThatThrownBy(() -> schemas.assertSameSchema("label.name: null", "ticket.tags", "ticket.number",
					"ticket.title: type"))
				.hasMessage("The migrations give different schemas on [sqlite] and [postgres]\n"
						+ "Accepted, but no longer a difference: ticket.title: type. Remove them from assertSameSchema(…).");
		}
	}
}
