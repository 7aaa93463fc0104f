package io.github.dbundertest.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Computes a value once per key, even when many threads ask at the same time: the first caller computes it,
 * the others wait for its result. A computation that failed fails every later request with the same exception,
 * at once, rather than repeating an expensive failure (a server that does not start, a migration that breaks).
 */
public final class OncePerKey<K, V> {

	private final Map<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

	public V get(K key, Function<? super K, ? extends V> compute) {
		CompletableFuture<V> future = new CompletableFuture<>();
		CompletableFuture<V> existing = values.putIfAbsent(key, future);
		if (existing == null) {
			try {
				future.complete(compute.apply(key));
			}
			catch (RuntimeException | Error e) {
				future.completeExceptionally(e);
			}
			existing = future;
		}
		try {
			return existing.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw e;
		}
	}

	/** The values computed successfully so far. */
	public Collection<V> values() {
		return values.values()
			.stream()
			.filter(future -> future.isDone() && !future.isCompletedExceptionally())
			.map(future -> future.getNow(null))
			.toList();
	}

	public void clear() {
		values.clear();
	}

	@Override
	public String toString() {
		return "OncePerKey" + List.copyOf(values.keySet());
	}
}
