package io.github.dbundertest.internal.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded server's data folder kept between runs, held through a lock file next to it for as long as the
 * server runs: one server at a time uses it, in this JVM or any other. A postmaster still running on a folder whose
 * lock nobody holds was left by a JVM that was killed: it is stopped before the folder is used again.
 */
final class DataDirectory implements AutoCloseable {

	private static final System.Logger LOG = System.getLogger("io.github.dbundertest");

	private final Path path;
	private final FileChannel channel;

	private DataDirectory(Path path, FileChannel channel) {
		this.path = path;
		this.channel = channel;
	}

	/** The folder, held until {@link #close()}, if no other server uses it; empty if one does. */
	static Optional<DataDirectory> claim(Path directory) {
		FileChannel channel = null;
		try {
			Files.createDirectories(directory.getParent());
			channel = FileChannel.open(directory.resolveSibling(directory.getFileName() + ".lock"),
					StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				LOG.log(Level.INFO, () -> "Another JVM's embedded PostgreSQL uses " + directory
						+ "; this one starts without a cache");
				channel.close();
				return Optional.empty();
			}
			Files.createDirectories(directory);
			stopOrphanedPostmaster(directory);
			return Optional.of(new DataDirectory(directory, channel));
		}
		catch (OverlappingFileLockException e) {
			closeQuietly(channel); // another server of this JVM has it
			return Optional.empty();
		}
		catch (IOException e) {
			closeQuietly(channel);
			LOG.log(Level.WARNING, () -> "Cannot use " + directory + " for the embedded PostgreSQL server: "
					+ e.getMessage() + "; starting without a cache");
			return Optional.empty();
		}
	}

	Path path() {
		return path;
	}

	/** Deletes the folder's content; only while it is held, so that no other server can be using it. */
	void deleteContent() {
		delete(path);
	}

	@Override
	public void close() {
		closeQuietly(channel);
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException e) {
				// the lock goes with the process anyway
			}
		}
	}

	private static void stopOrphanedPostmaster(Path directory) throws IOException {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid;
		try (Stream<String> lines = Files.lines(pidFile)) {
			pid = Long.parseLong(lines.findFirst().orElse("").trim());
		}
		catch (NumberFormatException e) {
			return;
		}
		Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
			.filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
		if (postmaster.isEmpty()) {
			return; // a stale pid file: PostgreSQL itself ignores it
		}
		LOG.log(Level.INFO, () -> "Stopping PostgreSQL (pid " + pid + ") left running on " + directory
				+ " by a JVM that ended without stopping it");
		postmaster.get().destroy(); // SIGTERM: a smart shutdown, and no client is left to wait for
		try {
			postmaster.get().onExit().get(10, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			postmaster.get().destroyForcibly();
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
		catch (IOException e) {
			LOG.log(Level.WARNING, () -> "Could not delete " + directory + ": " + e.getMessage());
		}
	}
}
