package io.github.dbundertest.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders the benchmarks make and remove. */
public final class Folders {

	private Folders() {
	}

	/**
	 * Deletes a folder with all it holds, if it exists. Fails rather than warns: a benchmark that measures a cold
	 * start must know its folder is gone.
	 */
	public static void deleteRecursively(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
