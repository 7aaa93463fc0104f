package io.github.dbundertest.benchmarks.harness;

import java.util.List;

/** How a database's state differs from its template's. */
public record StateComparison(int tablesDiffering, int sequencesDiffering, List<String> differences) {

	public boolean equal() {
		return differences.isEmpty();
	}

	/** A few words for the table: "= template", or what differs. */
	public String summary() {
		if (equal()) {
			return "= template";
		}
		StringBuilder summary = new StringBuilder();
		if (tablesDiffering > 0) {
			summary.append(tablesDiffering).append(tablesDiffering == 1 ? " table" : " tables").append(" differ");
		}
		if (sequencesDiffering > 0) {
			summary.append(summary.isEmpty() ? "" : ", ").append(sequencesDiffering)
				.append(sequencesDiffering == 1 ? " sequence" : " sequences").append(" differ");
		}
		return summary.toString();
	}
}
