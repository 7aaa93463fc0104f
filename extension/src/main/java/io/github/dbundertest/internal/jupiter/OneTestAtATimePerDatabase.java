package io.github.dbundertest.internal.jupiter;

import java.util.Set;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.Reset;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Under JUnit's parallel execution, runs each {@code @DatabaseUnderTest} class (its backends, its test methods,
 * its {@code @Nested} classes) in one thread, one test at a time, when its tests share a database that is reset
 * between them: a reset must never run under a test that is still using the database. Different classes keep
 * running concurrently, each on its own database.
 *
 * <p>The lock is taken for the whole class rather than per method: with per-method locks JUnit starts further
 * classes while a class waits for its next method, and every started class holds a database and its
 * connections; per class, the number of databases in use stays near the number of threads.
 *
 * <p>Public only because {@code @ResourceLock(providers = …)} must name it. Not an API.
 */
public final class OneTestAtATimePerDatabase implements ResourceLocksProvider {

	static final String LOCK_PREFIX = "io.github.dbundertest.database:";

	@Override
	public Set<Lock> provideForClass(Class<?> testClass) {
		DatabaseUnderTest annotation = DatabaseUnderTestExtension.annotationOf(testClass);
		if (annotation == null || annotation.reset() != Reset.AFTER_EACH_TEST) {
			return Set.of();
		}
		return Set.of(new Lock(LOCK_PREFIX + testClass.getName(), ResourceAccessMode.READ_WRITE));
	}
}
