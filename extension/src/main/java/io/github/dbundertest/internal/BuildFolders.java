package io.github.dbundertest.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The build's own output folder: {@code target/} for Maven, {@code build/} for Gradle, in the working directory. */
public final class BuildFolders {

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
}
