package io.github.dbundertest.benchmarks.sqlite;

import java.util.List;

import io.github.dbundertest.benchmarks.harness.Contest.Entry;

/** The SQLite candidates, ours first: the others' ratios are relative to it. */
public final class SqliteCandidates {

	private SqliteCandidates() {
	}

	public static List<Entry> all(SqliteFixture fixture) {
		return List.of(
				new Entry("ours: changed pages written back", true, () -> new OursPageRestore(fixture)),
				new Entry("rollback only", false, () -> new SqliteRollbackOnly(fixture)),
				new Entry("delete + sqlite_sequence + reseed", false, () -> new SqliteDeleteAndReseed(fixture)),
				new Entry("file copy + open", false, () -> new SqliteFileCopy(fixture)),
				new Entry("fresh file + flyway migrate + seed", false, () -> new SqliteFreshMigrate(fixture)));
	}
}
