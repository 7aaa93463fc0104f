package io.github.dbundertest.benchmarks.schema;

import java.util.OptionalInt;

/**
 * One generated table.
 *
 * @param number 1-based; tables only reference tables with a smaller number, so creating them in order and
 *        deleting them in reverse order respects every foreign key
 * @param idKind how PostgreSQL generates its ids (SQLite always uses AUTOINCREMENT)
 * @param usesTicketSequence whether it has a {@code ref} column filled from the standalone sequence (PostgreSQL)
 * @param parent the table {@code parent_id} references, if any
 * @param referencesFirst whether it also has {@code other_id} referencing the first table, which makes that
 *        table the parent of many
 */
public record TableSpec(int number, IdKind idKind, boolean usesTicketSequence, OptionalInt parent,
		boolean referencesFirst) {

	public static final String FIRST = name(1);

	public String name() {
		return name(number);
	}

	static String name(int number) {
		return "t%03d".formatted(number);
	}
}
