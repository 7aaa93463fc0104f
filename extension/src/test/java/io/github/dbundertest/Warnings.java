package io.github.dbundertest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the extension logs from the calling thread (an engine run executes in its caller's thread): its
 * warnings, or with {@link #captureAll()} its info lines too.
 */
final class Warnings extends Handler implements AutoCloseable {

	private static final Logger LOGGER = Logger.getLogger("io.github.dbundertest");

	private final long thread = Thread.currentThread().getId();
	private final List<String> messages = new CopyOnWriteArrayList<>();
	private final Level threshold;

	private Warnings(Level threshold) {
		this.threshold = threshold;
	}

	static Warnings capture() {
		Warnings warnings = new Warnings(Level.WARNING);
		LOGGER.addHandler(warnings);
		return warnings;
	}

	static Warnings captureAll() {
		Warnings warnings = new Warnings(Level.INFO);
		LOGGER.addHandler(warnings);
		return warnings;
	}

	List<String> messages() {
		return messages;
	}

	@Override
	public void publish(LogRecord record) {
		if (record.getLevel().intValue() >= threshold.intValue() && record.getLongThreadID() == thread) {
			messages.add(record.getMessage());
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		LOGGER.removeHandler(this);
	}
}
