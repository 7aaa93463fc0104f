package io.github.dbundertest.benchmarks.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Locale;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One run of the generated suite in a JVM of its own, so that every setup starts its server and builds its
 * databases from nothing: {@code SuiteRun SETUP}. The backend comes from system properties set by
 * {@link SuiteBenchmark}. Prints one {@value #RESULT} line, then exits.
 */
public final class SuiteRun {

	static final String RESULT = "SUITE-RESULT";

	private SuiteRun() {
	}

	public static void main(String[] args) {
		Setup setup = Setup.valueOf(args[0]);
		LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
		SuiteFixtures.classesOf(setup).forEach(fixture -> request.selectors(selectClass(fixture)));
		LauncherDiscoveryRequest discovery = request.build();
		Launcher launcher = LauncherFactory.create();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		long started = System.nanoTime();
		launcher.execute(discovery, summary);
		long wall = System.nanoTime() - started;
		TestExecutionSummary result = summary.getSummary();
		result.getFailures().forEach(failure -> System.err.println("FAILED " + failure.getTestIdentifier().getDisplayName()
				+ ": " + failure.getException()));
		// printed_at: when this line was written, in the machine's monotonic clock, which the parent shares on Linux:
		// what happens after it (shutdown hooks stopping servers) is part of the run too
		System.out.printf(Locale.ROOT, "%s tests=%d failed=%d wall_ns=%d bodies_ns=%d first_test_ns=%d printed_at_ns=%d%n",
				RESULT, result.getTestsSucceededCount() + result.getTestsFailedCount(), result.getTotalFailureCount(), wall,
				SuiteFixtures.BODY_NANOS.sum(), SuiteFixtures.FIRST_BODY.get() - started, System.nanoTime());
		System.exit(result.getTotalFailureCount() == 0 ? 0 : 1);
	}
}
