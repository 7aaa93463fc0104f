package io.github.dbundertest.benchmarks.postgres;

import java.util.List;

import io.github.dbundertest.benchmarks.harness.Contest.Entry;

/** The PostgreSQL candidates, ours first: the others' ratios are relative to it. */
public final class PostgresCandidates {

	private PostgresCandidates() {
	}

	public static List<Entry> all(PostgresFixture fixture) {
		return List.of(
				new Entry("ours: snapshot restore", true, () -> new OursSnapshotRestore(fixture)),
				new Entry("rollback only", false, () -> new RollbackOnly(fixture)),
				new Entry("delete + setval + reseed", false, () -> new ScriptedReset(fixture,
						ReseedScripts.deleteAndReseed(fixture.plan(), fixture.sequenceStarts()))),
				new Entry("truncate restart identity + reseed", false, () -> new ScriptedReset(fixture,
						ReseedScripts.truncateAndReseed(fixture.plan(), fixture.sequenceStarts()))),
				new Entry("drop + create from template", false, () -> new RecreateFromTemplate(fixture)),
				new Entry("flyway clean + migrate + seed", false, () -> new FlywayCleanMigrate(fixture)));
	}
}
