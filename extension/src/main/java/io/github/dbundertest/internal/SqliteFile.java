package io.github.dbundertest.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the extension reads of a SQLite database file directly, without SQLite: where its header keeps the change
 * counter, and whether a write-ahead log beside it holds pages the file does not.
 */
public final class SqliteFile {

	/** The offset of the file change counter in the header, which SQLite moves on with every writing transaction. */
	public static final int CHANGE_COUNTER = 24;

	private SqliteFile() {
	}

	/**
	 * Whether the database has a write-ahead log beside it: its newest pages are then in the log, and the file's
	 * header says nothing of them.
	 */
	public static boolean hasWriteAheadLog(Path database) {
		return Files.exists(database.resolveSibling(database.getFileName() + "-wal"));
	}
}
