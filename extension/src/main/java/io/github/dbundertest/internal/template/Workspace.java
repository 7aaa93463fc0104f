package io.github.dbundertest.internal.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.github.dbundertest.internal.BuildFolders;

/**
 * The folder of one run's SQLite files, under the build's output folder ({@code target/} or {@code build/}) when
 * there is one, else under the system's temporary folder. It is deleted when the run ends. Folders left by runs
 * whose process is gone (killed half-way) are deleted when the next run starts; nothing else is touched.
 */
final class Workspace implements AutoCloseable {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	private static final String RUN_PREFIX = "run-";

	private final Path directory;

	private Workspace(Path directory) {
		this.directory = directory;
	}

	static Workspace create() {
		Path root = locateRoot();
		try {
			Files.createDirectories(root);
			removeDebris(root);
			String name = RUN_PREFIX + ProcessHandle.current().pid() + "-"
					+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
			return new Workspace(Files.createDirectory(root.resolve(name)));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot create the SQLite folder under " + root, e);
		}
	}

	private static Path locateRoot() {
		return BuildFolders.extensionFolder("dbundertest");
	}

	/** Deletes run folders whose process no longer exists. */
	private static void removeDebris(Path root) throws IOException {
		try (Stream<Path> runs = Files.list(root)) {
			runs.filter(Files::isDirectory).filter(Workspace::isOfDeadRun).forEach(run -> {
				LOG.log(Level.INFO, () -> "Removing " + run + ", left by a run that ended without cleaning up");
				BuildFolders.deleteRecursively(run);
			});
		}
	}

	private static boolean isOfDeadRun(Path run) {
		String name = run.getFileName().toString();
		if (!name.startsWith(RUN_PREFIX)) {
			return false;
		}
		String[] parts = name.substring(RUN_PREFIX.length()).split("-");
		if (parts.length != 2) {
			return false;
		}
		try {
			long pid = Long.parseLong(parts[0]);
			return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
		}
		catch (NumberFormatException e) {
			return false;
		}
	}

	Path directory() {
		return directory;
	}

	@Override
	public void close() {
		BuildFolders.deleteRecursively(directory);
	}
}
