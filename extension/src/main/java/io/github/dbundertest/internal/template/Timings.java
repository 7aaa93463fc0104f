package io.github.dbundertest.internal.template;

import java.util.ArrayList;
import java.util.List;

import io.github.dbundertest.internal.server.Durations;

/**
 * The time the extension added to one backend in one engine run: starting the server, building templates,
 * creating, resetting and removing class databases. Printed as one line at the end of the run.
 */
public final class Timings {

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

	synchronized void recordServer(String description, long nanos) {
		server = description;
		serverStartNanos = nanos;
	}

	synchronized void recordTemplate(long nanos) {
		templatesBuilt++;
		templateNanos += nanos;
	}

	synchronized void recordDatabase(long nanos) {
		databases++;
		databaseNanos += nanos;
	}

	synchronized void recordReset(long nanos) {
		resetNanos.add(nanos);
	}

	synchronized void recordRebuild(long nanos) {
		rebuilds++;
		rebuildNanos += nanos;
	}

	synchronized void recordRemoval(long nanos) {
		removalNanos += nanos;
	}

	public synchronized int databases() {
		return databases;
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

	public synchronized long totalNanos() {
		return serverStartNanos + templateNanos + databaseNanos + resetNanos.stream().mapToLong(Long::longValue).sum()
				+ rebuildNanos + removalNanos;
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
			.append(" migrated in ").append(Durations.format(templateNanos))
			.append(" · ").append(databases).append(databases == 1 ? " database" : " databases")
			.append(" created in ").append(Durations.format(databaseNanos))
			.append(" · ").append(resetNanos.size()).append(resetNanos.size() == 1 ? " reset" : " resets");
		if (!resetNanos.isEmpty()) {
			line.append(", median ").append(Durations.format(medianResetNanos()));
		}
		if (rebuilds > 0) {
			line.append(" · ").append(rebuilds).append(rebuilds == 1 ? " full rebuild in " : " full rebuilds in ").append(Durations.format(rebuildNanos));
		}
		line.append(" · total ").append(Durations.format(totalNanos()));
		return line.toString();
	}
}
