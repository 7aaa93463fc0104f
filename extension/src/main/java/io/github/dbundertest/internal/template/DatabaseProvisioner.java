package io.github.dbundertest.internal.template;

import io.github.dbundertest.internal.OncePerKey;

/**
 * Makes class databases for one backend: builds each {@link MigrationPlan}'s template once (concurrent classes
 * with the same plan wait for the one build; a build that failed fails every later request at once, without
 * running the migrations again), then copies it. Closing it removes every template and database it
 * made that is still there.
 */
public abstract class DatabaseProvisioner<T> implements AutoCloseable {

	private final OncePerKey<MigrationPlan, T> templates = new OncePerKey<>();
	private final Timings timings = new Timings();

	/** A new database in the migrated-and-seeded state of {@code plan}. */
	public final ClassDatabase create(MigrationPlan plan) throws Exception {
		T template = templates.get(plan, key -> {
			long started = System.nanoTime();
			T built = buildTemplate(key);
			timings.recordTemplate(System.nanoTime() - started);
			return built;
		});
		long started = System.nanoTime();
		ClassDatabase database = copy(template);
		timings.recordDatabase(System.nanoTime() - started);
		return database;
	}

	/** Builds the migrated and seeded template of {@code plan}. */
	protected abstract T buildTemplate(MigrationPlan plan);

	/** Copies a template into a new class database. */
	protected abstract ClassDatabase copy(T template) throws Exception;

	/** What runs the databases, for summaries, e.g. {@code SQLite 3.53.4} or {@code PostgreSQL 18.1 (embedded)}. */
	public abstract String description();

	/** Where this backend's time went in this run. */
	public Timings timings() {
		return timings;
	}

	/** Prints the time this backend added to the run, if it made any database. */
	protected void report(String backend) {
		if (timings.databases() > 0) {
			System.out.println(timings.summary(backend));
		}
	}

	@Override
	public abstract void close();
}
