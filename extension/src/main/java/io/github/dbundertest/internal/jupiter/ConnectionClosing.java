package io.github.dbundertest.internal.jupiter;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The threads that close injected connections, kept in the engine's root store and ended with it. A thread is
 * reused for the next test's connection, since starting one per test costs more than the close; a close that hangs
 * keeps its thread and the next close gets another.
 */
final class ConnectionClosing implements AutoCloseable {

	private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "dbundertest-close-connection");
		thread.setDaemon(true);
		return thread;
	});

	static ExecutorService of(ExtensionContext context) {
		return context.getRoot()
			.getStore(InvocationDatabase.NAMESPACE)
			.getOrComputeIfAbsent(ConnectionClosing.class, key -> new ConnectionClosing(), ConnectionClosing.class).threads;
	}

	@Override
	public void close() {
		// a close still hanging (aborted already) must not hold up the end of the run
		threads.shutdown();
	}
}
