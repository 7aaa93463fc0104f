package io.github.dbundertest.internal.template;

import java.util.function.Function;

import io.github.dbundertest.internal.OncePerKey;

/**
 * Makes class databases for one backend: builds each {@link MigrationPlan}'s template once (concurrent classes
 * with the same plan wait for the one build), then copies it. Closing it removes every template and database it
 * made that is still there.
 */
public abstract class DatabaseProvisioner implements AutoCloseable {

	private final OncePerKey<MigrationPlan, Object> templates = new OncePerKey<>();
	private final ResetStatistics statistics = new ResetStatistics();

	/** A new database in the migrated-and-seeded state of {@code plan}. */
	public abstract ClassDatabase create(MigrationPlan plan) throws Exception;

	/** What runs the databases, for summaries, e.g. {@code SQLite 3.53.4} or {@code PostgreSQL 18.1 (embedded)}. */
	public abstract String description();

	/** How this backend's resets went in this run. */
	public ResetStatistics statistics() {
		return statistics;
	}

	/**
	 * The template of {@code plan}, built on first request. A build that failed fails every later request the
	 * same way, at once: the migrations are not run again.
	 */
	@SuppressWarnings("unchecked")
	protected <T> T template(MigrationPlan plan, Function<MigrationPlan, T> build) {
		return (T) templates.get(plan, build);
	}

	@Override
	public abstract void close();
}
