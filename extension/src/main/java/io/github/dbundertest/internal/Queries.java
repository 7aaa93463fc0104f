package io.github.dbundertest.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The one JDBC read the extension makes in several places: a query's first column. */
public final class Queries {

	private Queries() {
	}

	/** The first column of every row {@code sql} returns, as text. */
	public static List<String> firstColumn(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}
}
