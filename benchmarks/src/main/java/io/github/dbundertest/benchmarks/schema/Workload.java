package io.github.dbundertest.benchmarks.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The "test" that runs between two resets: {@value #ROWS_PER_TABLE} rows into each of five tables, 50 in all,
 * with generated ids (and, on PostgreSQL, {@code ref} values from the standalone sequence), so that it advances
 * sequences as well as adding rows. The caller commits or rolls back.
 */
public final class Workload {

	public static final int ROWS_PER_TABLE = 10;

	private final SchemaPlan plan;

	public Workload(SchemaPlan plan) {
		this.plan = plan;
	}

	/** Inserts the rows on {@code connection}, which must not be in auto-commit mode. */
	public void insertRows(Connection connection) throws SQLException {
		for (TableSpec table : plan.workloadTables()) {
			insert(connection, table);
		}
	}

	private void insert(Connection connection, TableSpec table) throws SQLException {
		List<String> columns = new ArrayList<>(List.of("name", "amount"));
		table.parent().ifPresent(parent -> columns.add("parent_id"));
		if (table.referencesFirst()) {
			columns.add("other_id");
		}
		String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map(column -> "?").toList()) + ")";
		try (PreparedStatement insert = connection.prepareStatement(sql)) {
			for (int row = 1; row <= ROWS_PER_TABLE; row++) {
				int column = 1;
				insert.setString(column++, "test row " + row);
				insert.setBigDecimal(column++, BigDecimal.valueOf(row * 100 + 1, 2));
				if (table.parent().isPresent()) {
					setReference(insert, column++, table.parent().getAsInt());
				}
				if (table.referencesFirst()) {
					setReference(insert, column++, 1);
				}
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private void setReference(PreparedStatement insert, int column, int referencedTable) throws SQLException {
		if (plan.hasTemplateRows(referencedTable)) {
			insert.setLong(column, 1);
		}
		else {
			insert.setNull(column, Types.BIGINT);
		}
	}
}
