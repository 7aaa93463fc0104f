package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every code snippet in the manual ({@code README.md} and {@code docs/}) is a copy of a file, or a region of one,
 * that this build compiles and runs. No database: a plain test, run once whatever the selected backends.
 *
 * <p>In a page, a snippet is a fenced code block on the line right after a marker:
 *
 * <pre>
 * &lt;!-- snippet: examples/pom.xml#open-test-reporting --&gt;
 * ```xml
 * ```
 * </pre>
 *
 * <p>The path is relative to the repository root. Without {@code #TAG} the block shows the whole file; with it, the
 * lines between the one containing {@code tag::TAG[]} and the one containing {@code end::TAG[]}, each written as a
 * comment of the source's language ({@code // tag::name[]}, {@code <!-- tag::name[] -->},
 * {@code # tag::name[]}, {@code -- tag::name[]}). The lines with tag markers, of any tag, are left out;
 * the region loses the leading whitespace all its lines share, remaining leading tabs become four spaces, trailing
 * whitespace and blank lines at either end are dropped.
 *
 * <p>The test fails listing every snippet whose block differs from its source, with a diff, and every marker whose
 * file or tag does not exist. A {@code java} block without a marker fails too: Java in the manual must compile.
 *
 * <p>After changing code that the manual shows, copy the sources into the pages, then review the result with
 * {@code git diff}:
 *
 * <pre>
 * mvn -B verify -pl examples -Dtest=DocumentationSnippetsTest -Ddbundertest.docs.update=true
 * </pre>
 *
 * <p>With {@value #UPDATE_PROPERTY}{@code =true} the test rewrites every block that differs (keeping its fences)
 * instead of failing; markers whose file or tag does not exist still fail it.
 */
class DocumentationSnippetsTest {

	/** The system property that turns the check into a rewrite of the blocks from their sources. */
	static final String UPDATE_PROPERTY = "dbundertest.docs.update";

	private static final String UPDATE_COMMAND =
			"mvn -B verify -pl examples -Dtest=DocumentationSnippetsTest -D" + UPDATE_PROPERTY + "=true";

	/** A line that marks the start or end of a region, whatever its tag. */
	private static final Pattern TAG_MARKER = Pattern.compile("\\b(?:tag|end)::[\\w.-]+\\[]");

	private static final int MAX_DIFF_LINES = 40;

	@Test
	void everySnippetIsACopyOfItsSource() throws IOException {
		boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
		List<String> problems = new ArrayList<>();
		List<String> rewritten = new ArrayList<>();
		int snippets = 0;
		for (Path page : Manual.pages()) {
			List<String> lines = new ArrayList<>(Manual.lines(page));
			List<Manual.Block> blocks = Manual.blocks(lines);
			List<Replacement> replacements = new ArrayList<>();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i).strip();
				if (!line.startsWith("<!-- snippet") || Manual.inBlock(blocks, i)) {
					continue;
				}
				snippets++;
				String where = Manual.relative(page) + ":" + (i + 1) + " " + line;
				Matcher marker = Manual.SNIPPET_MARKER.matcher(line);
				if (!marker.matches()) {
					problems.add(where
							+ "\n    is not a marker: write <!-- snippet: PATH --> or <!-- snippet: PATH#TAG -->");
					continue;
				}
				int next = i + 1;
				Manual.Block block = blocks.stream().filter(b -> b.open() == next).findFirst().orElse(null);
				if (block == null) {
					problems.add(where + "\n    is not followed by a fenced code block on the next line");
					continue;
				}
				List<String> source;
				try {
					source = source(marker.group(1), marker.group(2));
				}
				catch (MissingSourceException e) {
					problems.add(where + "\n    " + e.getMessage());
					continue;
				}
				if (source.equals(block.content())) {
					continue;
				}
				if (update) {
					replacements.add(new Replacement(block, source));
					rewritten.add(where);
				}
				else {
					problems.add(where + "\n    the block differs from the source (- in the page, + in the source):\n"
							+ String.join("\n", diff(block.content(), source)));
				}
			}
			if (!replacements.isEmpty()) {
				for (int r = replacements.size() - 1; r >= 0; r--) {
					Replacement replacement = replacements.get(r);
					lines.subList(replacement.block().open() + 1, replacement.block().close()).clear();
					lines.addAll(replacement.block().open() + 1, replacement.source());
				}
				Files.writeString(page, String.join("\n", lines));
			}
		}
		rewritten.forEach(where -> System.out.println("Rewrote the block below " + where));
		assertTrue(snippets > 0, "No snippet markers found in " + Manual.pages());
		if (!problems.isEmpty()) {
			fail(problems.size() + " of the manual's " + snippets + " snippets "
					+ (problems.size() == 1 ? "is" : "are") + " out of date or broken:\n\n"
					+ String.join("\n\n", problems) + "\n\n" + (update ? "Fix the markers above."
							: "Fix the markers, or copy the sources into the pages with\n    " + UPDATE_COMMAND
									+ "\nand review the result with git diff."));
		}
	}

	@Test
	void javaInTheManualIsAlwaysASnippet() {
		List<String> unchecked = new ArrayList<>();
		for (Path page : Manual.pages()) {
			List<String> lines = Manual.lines(page);
			for (Manual.Block block : Manual.blocks(lines)) {
				boolean marked = block.open() > 0
						&& Manual.SNIPPET_MARKER.matcher(lines.get(block.open() - 1).strip()).matches();
				if (block.language().equalsIgnoreCase("java") && !marked) {
					unchecked.add(Manual.relative(page) + ":" + (block.open() + 1) + " "
							+ block.content().stream().filter(l -> !l.isBlank()).findFirst().orElse("(empty)").strip());
				}
			}
		}
		if (!unchecked.isEmpty()) {
			fail("Java blocks without a <!-- snippet: PATH#TAG --> marker, so nothing proves they compile:\n  "
					+ String.join("\n  ", unchecked)
					+ "\nShow a tagged region of a test or class under examples/ instead (see docs/README.md).");
		}
	}

	/** The lines a marker stands for, normalised as the class comment says. */
	static List<String> source(String path, String tag) throws MissingSourceException {
		Path file = Manual.ROOT.resolve(path).normalize();
		if (!file.startsWith(Manual.ROOT) || !Files.isRegularFile(file)) {
			throw new MissingSourceException("no file " + path + " in the repository");
		}
		List<String> lines = Manual.lines(file);
		if (tag == null) {
			return normalise(lines);
		}
		int start = lineWith(lines, "tag::" + tag + "[]", path);
		int end = lineWith(lines, "end::" + tag + "[]", path);
		if (start < 0) {
			throw new MissingSourceException("no line with tag::" + tag + "[] in " + path);
		}
		if (end < 0) {
			throw new MissingSourceException("tag::" + tag + "[] in " + path + ":" + (start + 1)
					+ " has no end::" + tag + "[] line");
		}
		if (end < start) {
			throw new MissingSourceException("end::" + tag + "[] in " + path + ":" + (end + 1)
					+ " comes before its tag::" + tag + "[]");
		}
		return normalise(lines.subList(start + 1, end));
	}

	private static int lineWith(List<String> lines, String text, String path) throws MissingSourceException {
		int found = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				if (found >= 0) {
					throw new MissingSourceException(text + " appears twice in " + path + ", on lines " + (found + 1)
							+ " and " + (i + 1));
				}
				found = i;
			}
		}
		return found;
	}

	static List<String> normalise(List<String> region) {
		List<String> lines = new ArrayList<>();
		for (String line : region) {
			if (!TAG_MARKER.matcher(line).find()) {
				lines.add(line.stripTrailing());
			}
		}
		while (!lines.isEmpty() && lines.get(0).isEmpty()) {
			lines.remove(0);
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		String indent = null;
		for (String line : lines) {
			if (!line.isEmpty()) {
				String own = line.substring(0, line.length() - line.stripLeading().length());
				indent = indent == null ? own : commonPrefix(indent, own);
			}
		}
		int cut = indent == null ? 0 : indent.length();
		List<String> normalised = new ArrayList<>();
		for (String line : lines) {
			String rest = line.isEmpty() ? line : line.substring(cut);
			int tabs = 0;
			while (tabs < rest.length() && rest.charAt(tabs) == '\t') {
				tabs++;
			}
			normalised.add("    ".repeat(tabs) + rest.substring(tabs));
		}
		return normalised;
	}

	private static String commonPrefix(String a, String b) {
		int i = 0;
		while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		return a.substring(0, i);
	}

	/** A line diff from the page's block to the source, changed lines with two lines of context. */
	static List<String> diff(List<String> page, List<String> source) {
		int n = page.size();
		int m = source.size();
		int[][] common = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				common[i][j] = page.get(i).equals(source.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<String> script = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && page.get(i).equals(source.get(j))) {
				script.add("        " + page.get(i++));
				j++;
			}
			else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
				script.add("      - " + page.get(i++));
			}
			else {
				script.add("      + " + source.get(j++));
			}
		}
		List<String> shown = new ArrayList<>();
		int lastShown = -1;
		for (int k = 0; k < script.size(); k++) {
			boolean nearChange = false;
			for (int d = Math.max(0, k - 2); d <= Math.min(script.size() - 1, k + 2); d++) {
				nearChange |= !script.get(d).startsWith("        ");
			}
			if (!nearChange) {
				continue;
			}
			if (lastShown >= 0 && k > lastShown + 1) {
				shown.add("        …");
			}
			shown.add(script.get(k));
			lastShown = k;
		}
		if (shown.size() > MAX_DIFF_LINES) {
			int more = shown.size() - MAX_DIFF_LINES;
			shown = new ArrayList<>(shown.subList(0, MAX_DIFF_LINES));
			shown.add("        … and " + more + " more lines of diff");
		}
		return shown;
	}

	private record Replacement(Manual.Block block, List<String> source) {
	}

	static final class MissingSourceException extends Exception {

		private static final long serialVersionUID = 1L;

		MissingSourceException(String message) {
			super(message);
		}
	}
}
