package io.github.dbundertest.benchmarks.postgres;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.dbundertest.benchmarks.schema.SchemaPlan;
import io.github.dbundertest.benchmarks.schema.TableSpec;

/**
 * The scripts of the two hand-written alternatives. Both replay the template's own INSERTs after putting the
 * sequences back at their start, so the ids come out as in the template; both commit without waiting for the WAL
 * flush, as the extension's script does, so that the comparison is about the statements.
 * Flyway's history table is left alone: tests do not write to it.
 */
public final class ReseedScripts {

	private ReseedScripts() {
	}

	/**
	 * DELETE from every table, children first so that every foreign-key check finds nothing to object to; every
	 * sequence back to its start; the template's rows again.
	 */
	static String deleteAndReseed(SchemaPlan plan, Map<String, Long> sequenceStarts) {
		StringBuilder script = begin();
		List<TableSpec> tables = plan.tables();
		for (int i = tables.size() - 1; i >= 0; i--) {
			script.append("DELETE FROM ").append(tables.get(i).name()).append(";\n");
		}
		script.append("SELECT ")
			.append(sequenceStarts.entrySet().stream()
				.map(sequence -> "setval('" + sequence.getKey() + "', " + sequence.getValue() + ", false)")
				.collect(Collectors.joining(", ")))
			.append(";\n");
		return reseed(plan, script);
	}

	/**
	 * TRUNCATE of all tables at once. RESTART IDENTITY restarts only the sequences owned by the truncated tables'
	 * columns; the standalone one needs its own setval, or it drifts.
	 */
	public static String truncateAndReseed(SchemaPlan plan, Map<String, Long> sequenceStarts) {
		StringBuilder script = begin().append("TRUNCATE ")
			.append(plan.tables().stream().map(TableSpec::name).collect(Collectors.joining(", ")))
			.append(" RESTART IDENTITY CASCADE;\n")
			.append("SELECT setval('")
			.append(SchemaPlan.TICKET_SEQUENCE)
			.append("', ")
			.append(sequenceStarts.get(SchemaPlan.TICKET_SEQUENCE))
			.append(", false);\n");
		return reseed(plan, script);
	}

	private static StringBuilder begin() {
		return new StringBuilder("BEGIN;\nSET LOCAL synchronous_commit = off;\n");
	}

	private static String reseed(SchemaPlan plan, StringBuilder script) {
		plan.templateRows().forEach(insert -> script.append(insert).append(";\n"));
		return script.append("COMMIT;").toString();
	}
}
