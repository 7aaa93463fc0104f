package io.github.dbundertest.internal.jupiter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.Reset;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * Under JUnit's parallel execution, keeps the test methods of one {@code @DatabaseUnderTest} class (and of its
 * {@code @Nested} classes) from running at the same time when they share a database that is reset between
 * them: a reset must never run under a test that is still using the database. Different classes keep running
 * concurrently, each on its own database.
 *
 * <p>Public only because {@code @ResourceLock(providers = …)} must name it. Not an API.
 */
public final class OneTestAtATimePerDatabase implements ResourceLocksProvider {

	static final String LOCK_PREFIX = "io.github.dbundertest.database:";

	@Override
	public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
		Class<?> outermost = enclosingInstanceTypes.isEmpty() ? testClass : enclosingInstanceTypes.get(0);
		DatabaseUnderTest annotation = DatabaseUnderTestExtension.annotationOf(outermost);
		if (annotation == null || annotation.reset() != Reset.AFTER_EACH_TEST) {
			return Set.of();
		}
		return Set.of(new Lock(LOCK_PREFIX + outermost.getName(), ResourceAccessMode.READ_WRITE));
	}
}
