package io.github.dbundertest.internal.jupiter;

import java.util.List;

import io.github.dbundertest.Backend;
import io.github.dbundertest.Reset;
import io.github.dbundertest.internal.template.MigrationPlan;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One run of a {@code @DatabaseUnderTest} class on one backend, displayed as {@code [sqlite]} or {@code [postgres]}. */
final class BackendInvocationContext implements ClassTemplateInvocationContext {

	private final Backend backend;
	private final MigrationPlan plan;
	private final Reset reset;

	BackendInvocationContext(Backend backend, MigrationPlan plan, Reset reset) {
		this.backend = backend;
		this.plan = plan;
		this.reset = reset;
	}

	@Override
	public String getDisplayName(int invocationIndex) {
		return "[" + backend.displayName() + "]";
	}

	@Override
	public List<Extension> getAdditionalExtensions() {
		return List.of(new BackendInvocationExtension(backend));
	}

	/** The database is made lazily, on first use, and lives as long as the invocation's store. */
	@Override
	public void prepareInvocation(ExtensionContext context) {
		InvocationDatabase.register(context, backend, plan, reset);
	}
}
