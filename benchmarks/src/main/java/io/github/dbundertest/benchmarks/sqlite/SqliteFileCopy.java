package io.github.dbundertest.benchmarks.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * Close, copy the template file over the database, open again: overwriting a file SQLite has open would corrupt
 * it, so every connection goes, and reconnecting is part of the cost.
 */
final class SqliteFileCopy extends SqliteCandidate {

	SqliteFileCopy(SqliteFixture fixture) throws IOException, SQLException {
		super(fixture);
	}

	@Override
	public void reset() throws IOException, SQLException {
		test.close();
		Files.copy(fixture.template(), database, StandardCopyOption.REPLACE_EXISTING);
		test = openTestConnection();
	}
}
