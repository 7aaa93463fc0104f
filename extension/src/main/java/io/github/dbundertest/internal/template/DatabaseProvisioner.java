package io.github.dbundertest.internal.template;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

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

	private final Map<MigrationPlan, Deque<ClassDatabase>> idle = new ConcurrentHashMap<>();
	private Semaphore inUse;

	/**
	 * How many class databases may be in use at once: each holds connections, and a server accepts only so many.
	 * Unlimited unless a backend says otherwise.
	 */
	protected int maximumDatabasesInUse() {
		return Integer.MAX_VALUE;
	}

	private synchronized Semaphore inUse() {
		if (inUse == null) {
			inUse = new Semaphore(maximumDatabasesInUse(), true);
		}
		return inUse;
	}

	/**
	 * A database in the migrated-and-seeded state of {@code plan}, for one class invocation: one that an earlier
	 * invocation released, else a new copy of the template.
	 */
	public final ClassDatabase acquire(MigrationPlan plan) throws Exception {
		Permits.acquire(inUse());
		try {
			return acquireWithinBudget(plan);
		}
		catch (Exception | Error e) {
			inUse().release();
			throw e;
		}
	}

	private ClassDatabase acquireWithinBudget(MigrationPlan plan) throws Exception {
		ClassDatabase reusable = idle.computeIfAbsent(plan, key -> new ConcurrentLinkedDeque<>()).pollFirst();
		if (reusable != null) {
			timings.recordReuse();
			return reusable;
		}
		T template = templates.get(plan, key -> {
			long started = timings.begin();
			try {
				T built = buildTemplate(key);
				timings.recordTemplate(started);
				return built;
			}
			catch (RuntimeException | Error e) {
				timings.recordFailure(started);
				throw e;
			}
		});
		// a new database opens sessions of its own: those that databases waiting for their next class keep are
		// within no budget, so they go first
		idle.values().forEach(databases -> databases.forEach(ClassDatabase::closeIdleSessions));
		long started = timings.begin();
		try {
			ClassDatabase database = copy(template);
			timings.recordDatabase(started);
			return database;
		}
		catch (Exception e) {
			timings.recordFailure(started);
			throw e;
		}
	}

	/**
	 * Takes a database back when its invocation ends: closes the connections it handed out, resets it and keeps it
	 * for the next invocation of the same plan. Creating and dropping a database costs far more than a reset.
	 */
	public final void release(MigrationPlan plan, ClassDatabase database) {
		try {
			database.closeConnections();
			try {
				database.reset();
			}
			catch (RuntimeException e) {
				endQuietly(database::destroy);
				return;
			}
			idle.computeIfAbsent(plan, key -> new ConcurrentLinkedDeque<>()).addFirst(database);
		}
		finally {
			inUse().release();
		}
	}

	/**
	 * At the end of the run, ends the databases kept for reuse, each in its template's state: kept for a later run
	 * where the backend can, else deleted. Subclasses then remove their templates.
	 */
	protected final void retireIdleDatabases() {
		idle.values().forEach(databases -> {
			for (ClassDatabase database = databases.pollFirst(); database != null; database = databases.pollFirst()) {
				endQuietly(database::retire);
			}
		});
	}

	/**
	 * Clean-up that fails (the server died) is logged, not thrown: the tests that needed the database have
	 * already failed saying why, and the run's end removes what it can.
	 */
	private static void endQuietly(Runnable end) {
		try {
			end.run();
		}
		catch (RuntimeException e) {
			System.getLogger("io.github.dbundertest").log(System.Logger.Level.WARNING, e.getMessage());
		}
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
