package io.github.dbundertest.internal.template;

import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.internal.server.Durations;

/**
 * The time the extension added to one backend in one engine run: starting the server, building templates,
 * creating, resetting and removing class databases. Each kind is summed over the threads that did it; the total
 * is wall-clock time during which at least one thread was doing any of it, so that concurrent classes are not
 * counted twice. Printed as one line at the end of the run.
 */
public final class Timings {

	private int active;
	private long activeSince;
	private long wallNanos;
	private int reused;
	private int cachedTemplates;
	private int keptDatabases;

	private long serverStartNanos;
	private String server = "";
	private int templatesBuilt;
	private long templateNanos;
	private int databases;
	private long databaseNanos;
	private final List<Long> resetNanos = new ArrayList<>();
	private int rebuilds;
	private long rebuildNanos;
	private long removalNanos;

	/** Marks the start of some work; pass what it returns to the matching {@code record…} call. */
	synchronized long begin() {
		long now = System.nanoTime();
		if (active++ == 0) {
			activeSince = now;
		}
		return now;
	}

	private long end(long started) {
		long now = System.nanoTime();
		if (--active == 0) {
			wallNanos += now - activeSince;
		}
		return now - started;
	}

	synchronized void recordServer(String description, long started) {
		server = description;
		serverStartNanos = end(started);
	}

	synchronized void recordTemplate(long started) {
		templatesBuilt++;
		templateNanos += end(started);
	}

	synchronized void recordDatabase(long started) {
		databases++;
		databaseNanos += end(started);
	}

	synchronized void recordCacheHit() {
		cachedTemplates++;
	}

	/** A database that an earlier run kept, taken instead of a new copy; its time is recorded as a database's. */
	synchronized void recordKeptDatabase() {
		keptDatabases++;
	}

	synchronized void recordReuse() {
		reused++;
	}

	synchronized void recordReset(long started) {
		resetNanos.add(end(started));
	}

	synchronized void recordRebuild(long started) {
		rebuilds++;
		rebuildNanos += end(started);
	}

	synchronized void recordRemoval(long started) {
		removalNanos += end(started);
	}

	/** Work that failed: counted in the wall-clock total only. */
	synchronized void recordFailure(long started) {
		end(started);
	}

	public synchronized int databases() {
		return databases + reused;
	}

	public synchronized int resets() {
		return resetNanos.size();
	}

	public synchronized int rebuilds() {
		return rebuilds;
	}

	/** The median time of a fast reset, or 0 if there was none. */
	public synchronized long medianResetNanos() {
		if (resetNanos.isEmpty()) {
			return 0;
		}
		List<Long> sorted = new ArrayList<>(resetNanos);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	/** Wall-clock time during which the extension was at work for this backend. */
	public synchronized long totalNanos() {
		return wallNanos;
	}

	/** One line, e.g. {@code [postgres] PostgreSQL 18.4 (embedded) started in 1.6 s · 1 template built in 172 ms · …}. */
	public synchronized String summary(String backend) {
		StringBuilder line = new StringBuilder("dbundertest [" + backend + "] time added: ");
		if (!server.isEmpty()) {
			// a server this JVM started for an earlier run is found in no time
			line.append(server)
				.append(serverStartNanos > 1_000_000 ? " ready in " + Durations.format(serverStartNanos) : " (running)")
				.append(" · ");
		}
		line.append(templatesBuilt).append(templatesBuilt == 1 ? " template" : " templates")
			.append(cachedTemplates == 0 ? " migrated"
					: cachedTemplates == templatesBuilt ? " from the cache" : " (" + cachedTemplates + " from the cache)")
			.append(" in ").append(Durations.format(templateNanos))
			.append(" · ").append(databases).append(databases == 1 ? " database" : " databases")
			.append(keptDatabases == 0 ? " created"
					: keptDatabases == databases ? " from the cache" : " (" + keptDatabases + " from the cache)")
			.append(" in ").append(Durations.format(databaseNanos));
		if (reused > 0) {
			line.append(", reused ").append(reused).append(reused == 1 ? " time" : " times");
		}
		line
			.append(" · ").append(resetNanos.size()).append(resetNanos.size() == 1 ? " reset" : " resets");
		if (!resetNanos.isEmpty()) {
			line.append(", median ").append(Durations.format(medianResetNanos()));
		}
		if (rebuilds > 0) {
			line.append(" · ").append(rebuilds).append(rebuilds == 1 ? " full rebuild in " : " full rebuilds in ").append(Durations.format(rebuildNanos));
		}
		line.append(" · total ").append(Durations.format(totalNanos())).append(" wall clock");
		return line.toString();
	}
}
