package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The manual hangs together: relative links and their anchors resolve, every page is in the index
 * ({@code docs/README.md}), and every page of {@code docs/} ends with its "Under parallel execution" section. No
 * database: a plain test.
 */
class DocumentationLinksTest {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
	private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
	private static final Pattern HEADING = Pattern.compile("#{1,6} +(.*)");

	@Test
	void relativeLinksAndAnchorsResolve() {
		List<String> broken = new ArrayList<>();
		for (Path page : Manual.pages()) {
			List<String> lines = Manual.lines(page);
			List<Manual.Block> blocks = Manual.blocks(lines);
			for (int i = 0; i < lines.size(); i++) {
				if (Manual.inBlock(blocks, i)) {
					continue;
				}
				Matcher link = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
				while (link.find()) {
					String target = link.group(1);
					if (target.matches("[a-z]+:.*")) {
						continue; // https:, mailto:
					}
					String problem = problem(page, target);
					if (problem != null) {
						broken.add(Manual.relative(page) + ":" + (i + 1) + " (" + target + "): " + problem);
					}
				}
			}
		}
		if (!broken.isEmpty()) {
			fail("Broken links in the manual:\n  " + String.join("\n  ", broken));
		}
	}

	@Test
	void everyPageIsInTheIndex() {
		String index = String.join("\n", Manual.lines(Manual.ROOT.resolve("docs/README.md")));
		Set<String> missing = new TreeSet<>();
		for (Path page : Manual.pages()) {
			String name = Manual.relative(page);
			if (name.startsWith("docs/") && !name.equals("docs/README.md")
					&& !index.contains("](" + name.substring("docs/".length()) + ")")) {
				missing.add(name);
			}
		}
		assertEquals(Set.of(), missing, "pages missing from the index in docs/README.md");
	}

	@Test
	void everyPageEndsWithItsParallelExecutionSection() {
		Set<String> without = new TreeSet<>();
		for (Path page : Manual.pages()) {
			String name = Manual.relative(page);
			if (!name.startsWith("docs/") || name.endsWith("README.md")) {
				continue;
			}
			List<String> headings = headings(Manual.lines(page)).stream().filter(h -> h.startsWith("## ")).toList();
			if (headings.isEmpty() || !headings.get(headings.size() - 1).equals("## Under parallel execution")) {
				without.add(name);
			}
		}
		assertEquals(Set.of(), without, "pages whose last section is not \"## Under parallel execution\"");
	}

	/** Why the link does not resolve, or {@code null} if it does. */
	private static String problem(Path page, String target) {
		int hash = target.indexOf('#');
		String path = hash < 0 ? target : target.substring(0, hash);
		Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
		if (!file.startsWith(Manual.ROOT) || !Files.exists(file)) {
			return "no such file or folder";
		}
		if (hash < 0) {
			return null;
		}
		if (!file.toString().endsWith(".md")) {
			return "an anchor into a file that is not Markdown";
		}
		String anchor = target.substring(hash + 1);
		List<String> anchors = headings(Manual.lines(file)).stream().map(DocumentationLinksTest::anchor).toList();
		return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + Manual.relative(file);
	}

	private static List<String> headings(List<String> lines) {
		List<Manual.Block> blocks = Manual.blocks(lines);
		List<String> headings = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (!Manual.inBlock(blocks, i) && HEADING.matcher(lines.get(i)).matches()) {
				headings.add(lines.get(i));
			}
		}
		return headings;
	}

	/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
	private static String anchor(String heading) {
		Matcher text = HEADING.matcher(heading);
		text.matches();
		return text.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}
}
