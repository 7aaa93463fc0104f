package io.github.dbundertest.internal.reset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import io.github.dbundertest.internal.SqliteFile;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * Puts the template's pages back into the database file, while a connection of its own holds SQLite's exclusive
 * lock: only the pages that differ from the template are written. This restores rows, {@code sqlite_sequence} and
 * even a schema a test changed, fires no triggers, and works while other connections to the database stay open
 * (but not while one holds a transaction).
 *
 * <p>SQLite's backup API would do the same, but it bumps the schema cookie on every copy, so that every open
 * connection parses the schema again and every prepared statement is compiled again after each test. Here the
 * cookie stays as it is while the schema is the template's, and moves to a value no connection has seen when a
 * test changed the schema; the file change counter always moves on, so that every connection drops the pages it
 * cached. Those are the two header fields by which SQLite connections tell that another one changed the file.
 *
 * <p>A database in WAL mode keeps pages outside the file, and a template too large to hold in memory is not read
 * into it: both are restored through the backup API instead.
 */
public final class SqliteRestore implements ResetStrategy {

	/**
	 * Templates up to this size are held in memory (twice: the template and the database read for comparison) and
	 * compared page by page; larger ones, which hold mostly data, go through the backup API.
	 */
	private static final long LARGEST_TEMPLATE_IN_MEMORY = 16L << 20;

	// offsets in the 100-byte header of a SQLite database file (https://sqlite.org/fileformat.html)
	private static final int HEADER = 100;
	private static final int PAGE_SIZE = 16;
	private static final int WRITE_VERSION = 18;
	private static final int READ_VERSION = 19;
	private static final int SCHEMA_COOKIE = 40;
	private static final int VERSION_VALID_FOR = 92;
	private static final int WAL_FORMAT = 2;

	private final Path template;
	private final Path database;
	private final Supplier<Connection> connections;
	private Connection connection;
	private FileChannel file;
	private ByteBuffer templateImage;
	private ByteBuffer current;
	/** The schema cookie the last restore left, while the database holds the template's schema; else -1. */
	private long templateSchemaCookie = -1;

	/**
	 * @param template the template database file, never written to
	 * @param database the database file to restore
	 * @param connections opens connections to the database to restore
	 */
	public SqliteRestore(Path template, Path database, Supplier<Connection> connections) {
		this.template = template;
		this.database = database;
		this.connections = connections;
	}

	@Override
	public synchronized void reset() throws SQLException {
		if (connection == null) {
			connection = connections.get();
			try (Statement statement = connection.createStatement()) {
				// a lock held this long is a transaction some test abandoned: give up and rebuild instead
				statement.execute("PRAGMA busy_timeout = 2000");
			}
		}
		try {
			if (templateImage == null && Files.size(template) <= LARGEST_TEMPLATE_IN_MEMORY) {
				templateImage = readTemplate();
			}
			if (templateImage == null || templateImage.capacity() < HEADER || inWalMode(templateImage)
					|| SqliteFile.hasWriteAheadLog(database) || !rewritePages()) {
				restoreThroughBackup();
			}
		}
		catch (IOException e) {
			throw new SQLException("Restoring " + database + " from template " + template + " failed: " + e, e);
		}
	}

	/**
	 * Writes the template's pages that differ over the database, under SQLite's exclusive lock. Returns false,
	 * having written nothing, if the database turns out to be in WAL mode.
	 */
	private boolean rewritePages() throws SQLException, IOException {
		try (Statement statement = connection.createStatement()) {
			try {
				// no other connection reads or writes until the rollback below
				statement.execute("BEGIN EXCLUSIVE");
			}
			catch (SQLException e) {
				throw lockHeld(e);
			}
			try {
				return rewritePagesLocked();
			}
			finally {
				statement.execute("ROLLBACK");
			}
		}
	}

	private boolean rewritePagesLocked() throws IOException {
		if (file == null) {
			file = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}
		int templateSize = templateImage.capacity();
		long size = file.size();
		// pages past the template's end are cut off below: only the template's length is worth comparing
		int compared = (int) Math.min(size, templateSize);
		if (current == null) {
			current = ByteBuffer.allocateDirect(templateSize);
		}
		current.clear().limit(compared);
		while (current.hasRemaining() && file.read(current, current.position()) > 0) {
			// read up to the template's length
		}
		if (compared >= HEADER && inWalMode(current)) {
			return false;
		}
		int pageSize = pageSize(templateImage);
		for (int page = pageSize; page < templateSize; page += pageSize) {
			ByteBuffer templatePage = templateImage.slice(page, pageSize);
			if (page + pageSize > compared || templatePage.mismatch(current.slice(page, pageSize)) >= 0) {
				writeFully(templatePage, page);
			}
		}
		if (size > templateSize) {
			file.truncate(templateSize);
		}
		// page 1 last: its header tells other connections that the file changed
		ByteBuffer first = ByteBuffer.allocate(pageSize).put(templateImage.slice(0, pageSize));
		long changes = compared >= HEADER ? Integer.toUnsignedLong(current.getInt(SqliteFile.CHANGE_COUNTER)) : 0;
		long cookie = compared >= HEADER ? Integer.toUnsignedLong(current.getInt(SCHEMA_COOKIE)) : 0;
		if (cookie != templateSchemaCookie) {
			// the test changed the schema (or the database is new to this restore): a cookie never used before
			// makes every connection read the template's schema again
			cookie = (cookie + 1) & 0xFFFFFFFFL;
		}
		first.putInt(SqliteFile.CHANGE_COUNTER, (int) (changes + 1)).putInt(VERSION_VALID_FOR, (int) (changes + 1));
		first.putInt(SCHEMA_COOKIE, (int) cookie);
		writeFully(first.flip(), 0);
		templateSchemaCookie = cookie;
		return true;
	}

	private void writeFully(ByteBuffer bytes, long position) throws IOException {
		while (bytes.hasRemaining()) {
			file.write(bytes, position + bytes.position());
		}
	}

	/** SQLite's backup API: for databases in WAL mode, whose pages are not all in the file, and huge templates. */
	private void restoreThroughBackup() throws SQLException {
		templateSchemaCookie = -1; // the backup API moves the cookie on by itself
		// sqlite-jdbc's restore reports success even when another connection's lock made it copy nothing: take
		// the write lock first, so that a transaction some test abandoned fails the reset instead
		try (Statement statement = connection.createStatement()) {
			statement.execute("BEGIN IMMEDIATE");
			statement.execute("ROLLBACK");
		}
		catch (SQLException e) {
			throw lockHeld(e);
		}
		int result = connection.unwrap(SQLiteConnection.class)
			.getDatabase()
			.restore("main", template.toAbsolutePath().toString(), null);
		if (result != SQLiteErrorCode.SQLITE_OK.code) {
			throw new SQLException("Restoring from template " + template + " failed: "
					+ SQLiteErrorCode.getErrorCode(result), null, result);
		}
	}

	private static SQLException lockHeld(SQLException e) {
		return new SQLException("another connection holds a lock on the database; did a test leave a transaction "
				+ "open? (" + e.getMessage() + ")", e);
	}

	/** The template's bytes, outside the heap: the pages are compared with and written from it without a copy. */
	private ByteBuffer readTemplate() throws IOException {
		try (FileChannel in = FileChannel.open(template, StandardOpenOption.READ)) {
			ByteBuffer image = ByteBuffer.allocateDirect((int) in.size());
			while (image.hasRemaining() && in.read(image) > 0) {
				// read it whole
			}
			return image.flip().asReadOnlyBuffer();
		}
	}

	private static boolean inWalMode(ByteBuffer header) {
		return header.get(WRITE_VERSION) == WAL_FORMAT || header.get(READ_VERSION) == WAL_FORMAT;
	}

	private static int pageSize(ByteBuffer header) {
		int size = Short.toUnsignedInt(header.getShort(PAGE_SIZE));
		return size == 1 ? 65536 : size;
	}

	@Override
	public String name() {
		return "sqlite-restore";
	}

	@Override
	public synchronized void close() {
		// a rebuild replaces the file: what this restore knew of the old one no longer holds
		templateSchemaCookie = -1;
		templateImage = null;
		current = null;
		if (file != null) {
			try {
				file.close();
			}
			catch (IOException e) {
				// the database file is replaced or deleted next; nothing to keep
			}
			file = null;
		}
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				// the database file is deleted next; nothing to keep
			}
			connection = null;
		}
	}
}
