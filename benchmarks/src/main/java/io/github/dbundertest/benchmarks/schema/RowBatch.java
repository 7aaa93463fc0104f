package io.github.dbundertest.benchmarks.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-row INSERT of template data, written by a migration or the seed. Ids (and {@code ref}, on PostgreSQL)
 * are left to the database, as real migrations do, so that the template's sequences end up somewhere other than
 * their start; every other value is a constant, so that a replay produces equal rows.
 *
 * @param table where the rows go
 * @param rows how many
 * @param parentExists whether the parent table already has a row with id 1 for {@code parent_id} to point at
 * @param firstExists whether the first table already has a row with id 1 for {@code other_id}
 * @param origin a label that ends up in the rows' names
 */
record RowBatch(TableSpec table, int rows, boolean parentExists, boolean firstExists, String origin) {

	String sql() {
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" (");
		List<String> columns = new ArrayList<>(List.of("name", "amount", "created_at"));
		if (table.parent().isPresent()) {
			columns.add("parent_id");
		}
		if (table.referencesFirst()) {
			columns.add("other_id");
		}
		sql.append(String.join(", ", columns)).append(") VALUES ");
		for (int row = 1; row <= rows; row++) {
			sql.append(row == 1 ? "" : ", ")
				.append("('")
				.append(origin)
				.append(' ')
				.append(table.name())
				.append(" #")
				.append(row)
				.append("', ")
				.append(row * 10 + table.number())
				.append(".25, '2024-01-0")
				.append(row)
				.append(" 12:00:00+00'");
			if (table.parent().isPresent()) {
				sql.append(", ").append(parentExists ? "1" : "NULL");
			}
			if (table.referencesFirst()) {
				sql.append(", ").append(firstExists ? "1" : "NULL");
			}
			sql.append(')');
		}
		return sql.toString();
	}
}
