package io.github.dbundertest.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns; numeric columns are right-aligned. */
public final class TextTable {

	private final String[] headers;
	private final boolean[] rightAligned;
	private final List<String[]> rows = new ArrayList<>();

	public TextTable(String... headers) {
		this.headers = headers;
		this.rightAligned = new boolean[headers.length];
	}

	public TextTable rightAlign(int... columns) {
		for (int column : columns) {
			rightAligned[column] = true;
		}
		return this;
	}

	public void add(String... cells) {
		if (cells.length != headers.length) {
			throw new IllegalArgumentException("expected " + headers.length + " cells: " + Arrays.toString(cells));
		}
		rows.add(cells);
	}

	/** A separator line, e.g. between backends. */
	public void separator() {
		rows.add(null);
	}

	public void print(PrintStream out) {
		int[] widths = new int[headers.length];
		for (int column = 0; column < headers.length; column++) {
			widths[column] = headers[column].length();
		}
		for (String[] row : rows) {
			for (int column = 0; row != null && column < row.length; column++) {
				widths[column] = Math.max(widths[column], row[column].length());
			}
		}
		out.println(line(headers, widths));
		String rule = line(Arrays.stream(widths).mapToObj("-"::repeat).toArray(String[]::new), widths);
		out.println(rule);
		for (String[] row : rows) {
			out.println(row == null ? rule : line(row, widths));
		}
	}

	private String line(String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int column = 0; column < cells.length; column++) {
			String cell = cells[column];
			String padding = " ".repeat(widths[column] - cell.length());
			line.append(column == 0 ? "" : "  ").append(rightAligned[column] ? padding + cell : cell + padding);
		}
		return line.toString().stripTrailing();
	}
}
