package io.github.dbundertest.internal.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.github.dbundertest.SchemaComparison;
import io.github.dbundertest.internal.parity.SchemaDescription.Column;
import io.github.dbundertest.internal.parity.SchemaDescription.Table;

/** The differences between the SQLite and the PostgreSQL schema of one class, by key. */
public final class SchemaDiff implements SchemaComparison {

	private final Map<String, String> differences = new LinkedHashMap<>();

	public SchemaDiff(SchemaDescription sqlite, SchemaDescription postgres) {
		Set<String> tables = new TreeSet<>(sqlite.tables().keySet());
		tables.addAll(postgres.tables().keySet());
		for (String name : tables) {
			Table left = sqlite.tables().get(name);
			Table right = postgres.tables().get(name);
			if (left == null || right == null) {
				add(name, "a table only on " + (left == null ? "[postgres]" : "[sqlite]"));
				continue;
			}
			compareColumns(name, left, right);
			if (!left.primaryKey().equals(right.primaryKey())) {
				add(name + ": primary key", orNone(left.primaryKey()) + " on [sqlite], " + orNone(right.primaryKey())
						+ " on [postgres]");
			}
			compareSets(name + ": foreign key ", left, right, Table::foreignKeys);
			compareSets(name + ": unique ", left, right, Table::uniqueKeys);
			compareSets(name + ": index ", left, right, Table::indexes);
		}
	}

	private void compareColumns(String table, Table left, Table right) {
		Set<String> columns = new LinkedHashSet<>(left.columns().keySet());
		columns.addAll(right.columns().keySet());
		for (String name : columns) {
			Column sqlite = left.columns().get(name);
			Column postgres = right.columns().get(name);
			String key = table + "." + name;
			if (sqlite == null || postgres == null) {
				Column present = Objects.requireNonNullElse(sqlite, postgres);
				add(key, "a column only on " + (sqlite == null ? "[postgres]" : "[sqlite]") + " (" + present.declared() + ")");
				continue;
			}
			if (!sqlite.family().equals(postgres.family())) {
				add(key + ": type", sqlite.family() + " on [sqlite] (" + orNone(sqlite.declared()) + "), " + postgres.family()
						+ " on [postgres] (" + postgres.declared() + ")");
			}
			if (sqlite.nullable() != postgres.nullable()) {
				add(key + ": null", nullability(sqlite) + " on [sqlite], " + nullability(postgres) + " on [postgres]");
			}
		}
	}

	private void compareSets(String prefix, Table left, Table right, Function<Table, TreeSet<String>> part) {
		for (String element : part.apply(left)) {
			if (!part.apply(right).contains(element)) {
				add(prefix + element, "only on [sqlite]");
			}
		}
		for (String element : part.apply(right)) {
			if (!part.apply(left).contains(element)) {
				add(prefix + element, "only on [postgres]");
			}
		}
	}

	private void add(String key, String description) {
		differences.put(key.strip(), description);
	}

	private static String nullability(Column column) {
		return column.nullable() ? "nullable" : "NOT NULL";
	}

	private static String orNone(String text) {
		return text.isEmpty() ? "none" : text;
	}

	@Override
	public List<String> differences() {
		List<String> lines = new ArrayList<>();
		differences.forEach((key, description) -> lines.add(key + ": " + description));
		return lines;
	}

	@Override
	public void assertSameSchema(String... acceptedDifferences) {
		Set<String> accepted = new TreeSet<>(List.of(acceptedDifferences));
		List<String> unexpected = new ArrayList<>();
		differences.forEach((key, description) -> {
			if (!accepted.contains(key)) {
				unexpected.add(key + ": " + description);
			}
		});
		List<String> stale = accepted.stream().filter(key -> !differences.containsKey(key)).toList();
		if (unexpected.isEmpty() && stale.isEmpty()) {
			return;
		}
		StringBuilder message = new StringBuilder("The migrations give different schemas on [sqlite] and [postgres]");
		if (!unexpected.isEmpty()) {
			message.append(":\n  ").append(String.join("\n  ", unexpected))
				.append("\nMake the migrations agree, or accept a difference by its key (the text before its first \": \""
						+ " after the name), e.g. assertSameSchema(\"")
				.append(unexpected.get(0), 0, unexpected.get(0).indexOf(": ", unexpected.get(0).indexOf('.') < 0 ? 0
						: unexpected.get(0).indexOf('.')))
				.append("\").");
		}
		if (!stale.isEmpty()) {
			message.append(unexpected.isEmpty() ? "" : "\n").append("\nAccepted, but no longer a difference: ")
				.append(String.join(", ", stale)).append(". Remove them from assertSameSchema(…).");
		}
		throw new AssertionError(message.toString());
	}

	@Override
	public String toString() {
		return differences.isEmpty() ? "no differences" : String.join("\n", differences());
	}
}
