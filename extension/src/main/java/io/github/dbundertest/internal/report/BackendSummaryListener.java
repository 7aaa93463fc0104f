package io.github.dbundertest.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.dbundertest.DatabaseUnderTest;
import io.github.dbundertest.internal.BuildFolders;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a run, one line per {@code @DatabaseUnderTest} class and backend with its outcome, the
 * failed and skipped tests with their reasons, and the classes skipped entirely. Build tools such as Maven
 * Surefire report class-template invocations as {@code MyTest[1]}, {@code MyTest[2]} and count a class skipped
 * as a whole as "Tests run: 0": this summary says which backend each result belongs to. It is also written to
 * {@code dbundertest-summary.txt} in the build's output folder.
 *
 * <p>When the run covers more than one backend it also lists where they differ: the tests that passed on one
 * backend and failed on another, and the tests and classes that never ran on a backend the run covers (skipped,
 * disabled, or a class that does not support it), since such gaps look green. That goes to the output and to
 * {@code dbundertest-divergence.txt}, for CI to publish.
 *
 * <p>Registered through {@code META-INF/services}; it reports only classes of this extension and prints nothing
 * in runs without any.
 */
public final class BackendSummaryListener implements TestExecutionListener {

	private static final String CLASS_TEMPLATE = "class-template";
	private static final String INVOCATION = "class-template-invocation";

	private final Map<UniqueId, Invocation> invocations = new LinkedHashMap<>();
	private final Map<UniqueId, String> skippedClasses = new LinkedHashMap<>();
	private final Map<String, Boolean> annotatedClasses = new LinkedHashMap<>();
	/** Each test of our classes, as "Class  test()", and its outcome on each backend it met. */
	private final Map<String, Map<String, Outcome>> outcomes = new LinkedHashMap<>();
	/** Each of our classes and the backends it ran on. */
	private final Map<String, Set<String>> classBackends = new LinkedHashMap<>();
	private final PrintStream out;
	private final Path workingDirectory;
	private TestPlan testPlan;

	/** Called by the JUnit Platform's service loader. */
	public BackendSummaryListener() {
		this(System.out, Path.of("").toAbsolutePath());
	}

	BackendSummaryListener(PrintStream out, Path workingDirectory) {
		this.out = out;
		this.workingDirectory = workingDirectory;
	}

	private record Outcome(boolean ran, boolean passed, String detail) {
	}

	private static final class Invocation {
		final String className;
		final String backend;
		int passed;
		int failed;
		int aborted;
		final List<String> notes = new ArrayList<>();

		Invocation(String className, String backend) {
			this.className = className;
			this.backend = backend;
		}
	}

	@Override
	public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
		this.testPlan = testPlan;
		invocations.clear();
		skippedClasses.clear();
		outcomes.clear();
		classBackends.clear();
	}

	@Override
	public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
		UniqueId id = identifier.getUniqueIdObject();
		if (lastType(id).equals(CLASS_TEMPLATE) && isOurs(identifier)) {
			skippedClasses.put(id, simpleName(identifier) + "  skipped: " + reason);
			return;
		}
		invocationOf(identifier).ifPresent(invocation -> {
			invocation.notes.add("skipped " + nameWithin(identifier) + ": " + reason);
			record(invocation, identifier, new Outcome(false, false, reason));
		});
	}

	@Override
	public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		UniqueId id = identifier.getUniqueIdObject();
		if (lastType(id).equals(CLASS_TEMPLATE) && result.getStatus() == TestExecutionResult.Status.FAILED
				&& isOurs(identifier)) {
			skippedClasses.put(id, simpleName(identifier) + "  failed: " + message(result));
			return;
		}
		Optional<Invocation> found = invocationOf(identifier);
		if (found.isEmpty()) {
			return;
		}
		Invocation invocation = found.get();
		if (identifier.isTest()) {
			record(invocation, identifier, new Outcome(true, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL,
					message(result)));
			switch (result.getStatus()) {
				case SUCCESSFUL -> invocation.passed++;
				case ABORTED -> {
					invocation.aborted++;
					invocation.notes.add("aborted " + nameWithin(identifier) + ": " + message(result));
				}
				case FAILED -> {
					invocation.failed++;
					invocation.notes.add("failed " + nameWithin(identifier) + ": " + message(result));
				}
			}
		}
		else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
			if (lastType(id).equals(INVOCATION)) {
				outcomes.computeIfAbsent(invocation.className + " (the whole class)", key -> new TreeMap<>())
					.put(invocation.backend, new Outcome(false, false, "failed before any test: " + message(result)));
			}
			invocation.failed++;
			invocation.notes.add("failed " + (lastType(id).equals(INVOCATION) ? "before any test" : nameWithin(identifier))
					+ ": " + message(result));
		}
	}

	@Override
	public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
		if (invocations.isEmpty() && skippedClasses.isEmpty()) {
			return;
		}
		List<String> lines = render();
		Set<String> backends = new TreeSet<>();
		classBackends.values().forEach(backends::addAll);
		if (backends.size() > 1) {
			List<String> divergence = divergence(backends);
			lines.addAll(divergence);
			write("dbundertest-divergence.txt", divergence);
		}
		lines.forEach(out::println);
		write("dbundertest-summary.txt", lines);
	}

	private void record(Invocation invocation, TestIdentifier identifier, Outcome outcome) {
		outcomes.computeIfAbsent(invocation.className + "  " + nameWithin(identifier), key -> new TreeMap<>())
			.put(invocation.backend, outcome);
	}

	/**
	 * The tests whose outcome depends on the backend, and what never ran on one of {@code backends}: a test
	 * skipped there, or a class with no invocation for it.
	 */
	private List<String> divergence(Set<String> backends) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		outcomes.forEach((test, byBackend) -> {
			for (String passing : backends) {
				for (String failing : backends) {
					Outcome passed = byBackend.get(passing);
					Outcome failed = byBackend.get(failing);
					if (passed != null && failed != null && passed.passed() && failed.ran() && !failed.passed()) {
						groups.computeIfAbsent("passed on [" + passing + "], failed on [" + failing + "]:",
								key -> new ArrayList<>()).add(test + ": " + failed.detail());
					}
				}
			}
			byBackend.forEach((backend, outcome) -> {
				if (!outcome.ran() && (byBackend.values().stream().anyMatch(Outcome::ran) || test.endsWith("(the whole class)"))) {
					groups.computeIfAbsent("never ran on [" + backend + "]:", key -> new ArrayList<>())
						.add(test + ": " + outcome.detail());
				}
			});
		});
		classBackends.forEach((className, ranOn) -> backends.stream()
			.filter(backend -> !ranOn.contains(backend))
			.forEach(backend -> groups.computeIfAbsent("never ran on [" + backend + "]:", key -> new ArrayList<>())
				.add(className + ": the class has no [" + backend + "] run")));
		List<String> lines = new ArrayList<>();
		if (groups.isEmpty()) {
			lines.add("dbundertest: " + String.join(" and ", backends.stream().map(backend -> "[" + backend + "]").toList())
					+ " agree: every test ran on each, with the same outcome");
		}
		else {
			lines.add("dbundertest: where the backends differ");
			groups.forEach((heading, tests) -> {
				lines.add("  " + heading);
				tests.forEach(test -> lines.add("    " + test));
			});
		}
		lines.add("");
		return lines;
	}

	private List<String> render() {
		List<String> lines = new ArrayList<>();
		lines.add("");
		lines.add("dbundertest: results by backend");
		int width = invocations.values().stream().mapToInt(i -> i.className.length()).max().orElse(0);
		for (Invocation invocation : invocations.values()) {
			StringBuilder line = new StringBuilder("  ").append(pad(invocation.className, width))
				.append("  ")
				.append(pad("[" + invocation.backend + "]", 10))
				.append(' ')
				.append(invocation.passed)
				.append(" passed");
			if (invocation.failed > 0) {
				line.append(", ").append(invocation.failed).append(" failed");
			}
			if (invocation.aborted > 0) {
				line.append(", ").append(invocation.aborted).append(" aborted");
			}
			long skipped = invocation.notes.stream().filter(note -> note.startsWith("skipped")).count();
			if (skipped > 0) {
				line.append(", ").append(skipped).append(" skipped");
			}
			lines.add(line.toString());
			invocation.notes.forEach(note -> lines.add("      " + note));
		}
		skippedClasses.values().forEach(line -> lines.add("  " + line));
		lines.add("");
		return lines;
	}

	private void write(String fileName, List<String> lines) {
		BuildFolders.outputFolder(workingDirectory).ifPresent(folder -> {
			try {
				Files.write(folder.resolve(fileName), lines, StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				System.err.println("dbundertest: could not write " + folder.resolve(fileName) + ": " + e.getMessage());
			}
		});
	}

	private Optional<Invocation> invocationOf(TestIdentifier identifier) {
		Optional<TestIdentifier> current = Optional.of(identifier);
		while (current.isPresent() && !lastType(current.get().getUniqueIdObject()).equals(INVOCATION)) {
			current = testPlan.getParent(current.get());
		}
		if (current.isEmpty()) {
			return Optional.empty();
		}
		TestIdentifier invocation = current.get();
		Invocation known = invocations.get(invocation.getUniqueIdObject());
		if (known != null) {
			return Optional.of(known);
		}
		Optional<TestIdentifier> template = testPlan.getParent(invocation);
		if (template.isEmpty() || !isOurs(template.get())) {
			return Optional.empty();
		}
		String backend = invocation.getDisplayName().replaceAll("^\\[|\\]$", "");
		String className = simpleName(template.get());
		classBackends.computeIfAbsent(className, key -> new TreeSet<>()).add(backend);
		Invocation created = new Invocation(className, backend);
		invocations.put(invocation.getUniqueIdObject(), created);
		return Optional.of(created);
	}

	/** "Inner > createsTicket()" for a test of a nested class, relative to the invocation. */
	private String nameWithin(TestIdentifier identifier) {
		List<String> names = new ArrayList<>();
		Optional<TestIdentifier> current = Optional.of(identifier);
		while (current.isPresent() && !lastType(current.get().getUniqueIdObject()).equals(INVOCATION)) {
			names.add(0, current.get().getDisplayName());
			current = testPlan.getParent(current.get());
		}
		return String.join(" > ", names);
	}

	private boolean isOurs(TestIdentifier classTemplate) {
		return classTemplate.getSource()
			.filter(ClassSource.class::isInstance)
			.map(source -> ((ClassSource) source).getClassName())
			.map(name -> annotatedClasses.computeIfAbsent(name, BackendSummaryListener::isAnnotated))
			.orElse(false);
	}

	private static boolean isAnnotated(String className) {
		try {
			Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader());
			return AnnotationSupport.isAnnotated(type, DatabaseUnderTest.class);
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}

	private static String simpleName(TestIdentifier classTemplate) {
		return classTemplate.getSource()
			.filter(ClassSource.class::isInstance)
			.map(source -> ((ClassSource) source).getClassName())
			.map(name -> name.substring(name.lastIndexOf('.') + 1).replace('$', '.'))
			.orElse(classTemplate.getDisplayName());
	}

	private static String message(TestExecutionResult result) {
		return result.getThrowable()
			.map(throwable -> {
				String message = String.valueOf(throwable.getMessage());
				String firstLine = message.lines().findFirst().orElse("");
				return throwable.getClass().getSimpleName() + ": " + firstLine;
			})
			.orElse("");
	}

	private static String lastType(UniqueId id) {
		return id.getLastSegment().getType();
	}

	private static String pad(String text, int width) {
		return text.length() >= width ? text : text + " ".repeat(width - text.length());
	}
}
