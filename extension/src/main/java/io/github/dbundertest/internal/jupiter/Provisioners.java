package io.github.dbundertest.internal.jupiter;

import io.github.dbundertest.Backend;
import io.github.dbundertest.internal.config.CacheMode;
import io.github.dbundertest.internal.config.PostgresSettings;
import io.github.dbundertest.internal.config.SqliteParity;
import io.github.dbundertest.internal.server.PostgresServers;
import io.github.dbundertest.internal.template.DatabaseProvisioner;
import io.github.dbundertest.internal.template.PostgresProvisioner;
import io.github.dbundertest.internal.template.SqliteProvisioner;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * One {@link DatabaseProvisioner} per backend and engine run, in the root store: its templates and leftover
 * databases go when the run ends. PostgreSQL is started only when a PostgreSQL invocation first needs it.
 */
final class Provisioners {

	private Provisioners() {
	}

	static DatabaseProvisioner<?> forBackend(ExtensionContext context, Backend backend) {
		Store store = context.getRoot().getStore(InvocationDatabase.NAMESPACE.append("provisioner"));
		return store.getOrComputeIfAbsent(backend, key -> create(context, backend), DatabaseProvisioner.class);
	}

	private static DatabaseProvisioner<?> create(ExtensionContext context, Backend backend) {
		ClassLoader classLoader = Settings.classLoader(context);
		return switch (backend) {
			case SQLITE -> DatabaseUnderTestExtension.configured(() -> new SqliteProvisioner(classLoader,
					CacheMode.from(Settings.source(context)),
					SqliteParity.from(Settings.source(context)) == SqliteParity.ON));
			case POSTGRES -> DatabaseUnderTestExtension.configured(() -> {
				PostgresSettings settings = PostgresSettings.from(Settings.source(context));
				return new PostgresProvisioner(() -> PostgresServers.serverFor(settings), classLoader, settings.cache());
			});
		};
	}
}
