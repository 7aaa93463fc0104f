package io.github.dbundertest;

import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/** Reads what fixtures reported: failure messages, skip reasons, display names. */
final class EventsOf {

	private EventsOf() {
	}

	static List<String> failureMessages(Events events) {
		return events.failed()
			.stream()
			.map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
			.map(Throwable::getMessage)
			.toList();
	}

	static List<String> skipReasons(Events events) {
		return events.skipped().stream().map(event -> event.getRequiredPayload(String.class)).toList();
	}

	/** "[sqlite] first()" for each finished test: its invocation's display name and its own. */
	static List<String> finishedTests(Events events) {
		return events.filter(event -> event.getType() == EventType.FINISHED)
			.map(EventsOf::invocationAndName)
			.toList();
	}

	static String invocationAndName(Event event) {
		var descriptor = event.getTestDescriptor();
		var parent = descriptor.getParent();
		while (parent.isPresent() && !parent.get().getUniqueId().getLastSegment().getType()
			.equals("class-template-invocation")) {
			parent = parent.get().getParent();
		}
		return parent.map(p -> p.getDisplayName() + " ").orElse("") + descriptor.getDisplayName();
	}
}
