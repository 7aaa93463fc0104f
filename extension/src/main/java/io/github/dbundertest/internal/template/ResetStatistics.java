package io.github.dbundertest.internal.template;

import java.util.ArrayList;
import java.util.List;

/** Counts and times the resets of one backend in one run, for the end-of-run summary. */
public final class ResetStatistics {

	private final List<Long> resetNanos = new ArrayList<>();
	private int rebuilds;
	private long rebuildNanos;

	synchronized void recordReset(long nanos) {
		resetNanos.add(nanos);
	}

	synchronized void recordRebuild(long nanos) {
		rebuilds++;
		rebuildNanos += nanos;
	}

	public synchronized int resets() {
		return resetNanos.size();
	}

	public synchronized int rebuilds() {
		return rebuilds;
	}

	public synchronized long totalNanos() {
		return resetNanos.stream().mapToLong(Long::longValue).sum() + rebuildNanos;
	}

	/** The median time of a fast reset, or 0 if there was none. */
	public synchronized long medianNanos() {
		if (resetNanos.isEmpty()) {
			return 0;
		}
		List<Long> sorted = new ArrayList<>(resetNanos);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}
}
