package io.github.dbundertest;

import java.util.List;

/**
 * The schemas that a {@code @DatabaseUnderTest} class's migrations give on SQLite and on PostgreSQL, compared:
 * tables, columns with their type family ({@code integer}, {@code decimal}, {@code text}, {@code timestamp}, …) and
 * nullability, primary, foreign and unique keys, and indexes (by their columns; names may differ). Inject it into
 * a test of a class that supports both backends. It needs both databases, so the test runs when the run covers
 * both backends ({@code -Ddbundertest.backends=all}) and is skipped, saying so, otherwise.
 *
 * <pre>{@code
 * @Test
 * void migrationsGiveTheSameSchema(SchemaComparison schemas) {
 *     schemas.assertSameSchema("tickets.created_at: type"); // text on SQLite, timestamptz on PostgreSQL
 * }
 * }</pre>
 */
public interface SchemaComparison {

	/**
	 * Every difference, one line each, starting with its key and a colon: {@code tickets} (a table on one side
	 * only), {@code tickets.tags} (a column), {@code tickets.created_at: type}, {@code tickets.title: null},
	 * {@code tickets: primary key}, {@code tickets: foreign key (assignee_id) references users},
	 * {@code tickets: unique (email)}, {@code tickets: index (status, created_at)}.
	 */
	List<String> differences();

	/**
	 * Fails with every difference whose key is not among {@code acceptedDifferences}, and with every accepted key
	 * that is no longer a difference, so that the list of accepted ones stays true.
	 */
	void assertSameSchema(String... acceptedDifferences);
}
