package io.github.dbundertest.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The build's own output folder: {@code target/} for Maven, {@code build/} for Gradle, in the working directory. */
public final class BuildFolders {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	/** The extension's folder of templates kept between runs (and of the embedded server's data). */
	public static final String CACHE = "dbundertest-cache";

	private BuildFolders() {
	}

	public static Optional<Path> outputFolder() {
		return outputFolder(Path.of("").toAbsolutePath());
	}

	public static Optional<Path> outputFolder(Path workingDirectory) {
		for (String buildFolder : new String[] { "target", "build" }) {
			if (Files.isDirectory(workingDirectory.resolve(buildFolder))) {
				return Optional.of(workingDirectory.resolve(buildFolder));
			}
		}
		return Optional.empty();
	}

	/** A folder of the extension's under the build's output folder, else under the system's temporary folder. */
	public static Path extensionFolder(String name) {
		return outputFolder().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"))).resolve(name);
	}

	/** Deletes a file or a folder with all it holds; what cannot be deleted is logged, never thrown. */
	public static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException e) {
					LOG.log(Level.WARNING, () -> "Could not delete " + file + ": " + e.getMessage());
				}
			});
		}
		catch (IOException e) {
			LOG.log(Level.WARNING, () -> "Could not delete " + path + ": " + e.getMessage());
		}
	}
}
