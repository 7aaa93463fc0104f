package io.github.dbundertest.internal.server;

import java.util.Optional;

/**
 * Whether a PostgreSQL container of the default image starts here: Docker may answer and still be unable to
 * start one (no image and no registry, or a sandbox that refuses the containers' capabilities). Tried once per
 * JVM, which is why the answer is kept in a static field.
 */
public final class ContainerProbe {

	private static volatile Optional<String> whyNot;

	private ContainerProbe() {
	}

	/** Why no container starts, or empty if one did. */
	public static synchronized Optional<String> whyNoContainerStarts() {
		if (whyNot == null) {
			try (PostgresServer server = TestcontainersPostgresServer.start(TestcontainersPostgresServer.DEFAULT_IMAGE)) {
				whyNot = Optional.empty();
			}
			catch (RuntimeException e) {
				whyNot = Optional.of(e.getMessage());
			}
		}
		return whyNot;
	}
}
