package io.github.dbundertest.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manual, {@code README.md} and {@code docs/}, read from the repository this module is part of. No database:
 * the tests that use it are plain JUnit tests.
 */
final class Manual {

	/** {@code <!-- snippet: PATH -->} or {@code <!-- snippet: PATH#TAG -->}, alone on its line. */
	static final Pattern SNIPPET_MARKER = Pattern.compile("<!-- snippet: (\\S+?)(?:#([\\w.-]+))? -->");

	private static final Pattern FENCE = Pattern.compile("( {0,3})(`{3,}|~{3,})(.*)");

	/** The repository root: the nearest folder above the working directory with README.md, docs/ and examples/. */
	static final Path ROOT = findRoot();

	private Manual() {
	}

	private static Path findRoot() {
		Path start = Path.of("").toAbsolutePath();
		for (Path folder = start; folder != null; folder = folder.getParent()) {
			if (Files.isRegularFile(folder.resolve("README.md")) && Files.isDirectory(folder.resolve("docs"))
					&& Files.isDirectory(folder.resolve("examples"))) {
				return folder;
			}
		}
		throw new IllegalStateException("No folder with README.md, docs/ and examples/ at or above " + start
				+ "; run the tests from the examples module (mvn -pl examples …)");
	}

	/** {@code README.md} and every {@code docs/**}{@code /*.md}, in a stable order. */
	static List<Path> pages() {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
			files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return pages;
	}

	/** The path relative to the repository root, with forward slashes, as the manual writes it. */
	static String relative(Path path) {
		return ROOT.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
	}

	static List<String> lines(Path file) {
		try {
			return List.of(Files.readString(file).split("\r?\n", -1));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A fenced code block of a page.
	 *
	 * @param open the line of the opening fence (0-based)
	 * @param close the line of the closing fence, or the number of lines if the block is never closed
	 * @param info the info string after the opening fence, e.g. {@code java}
	 * @param content the lines between the fences
	 */
	record Block(int open, int close, String info, List<String> content) {

		String language() {
			String trimmed = info.trim();
			int space = trimmed.indexOf(' ');
			return space < 0 ? trimmed : trimmed.substring(0, space);
		}
	}

	/** The fenced code blocks of a page, in order (CommonMark fences: three or more backticks or tildes). */
	static List<Block> blocks(List<String> lines) {
		List<Block> blocks = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches() || open.group(2).startsWith("`") && open.group(3).contains("`")) {
				i++;
				continue;
			}
			String fence = open.group(2);
			Pattern closing = Pattern.compile(" {0,3}" + Pattern.quote(fence.substring(0, 1)) + "{" + fence.length()
					+ ",}\\s*");
			int close = i + 1;
			while (close < lines.size() && !closing.matcher(lines.get(close)).matches()) {
				close++;
			}
			blocks.add(new Block(i, close, open.group(3), lines.subList(i + 1, Math.min(close, lines.size()))));
			i = close + 1;
		}
		return blocks;
	}

	/** Whether the line lies inside one of the blocks, fences included. */
	static boolean inBlock(List<Block> blocks, int line) {
		return blocks.stream().anyMatch(block -> line >= block.open() && line <= block.close());
	}
}
