package io.github.dbundertest.examples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.dbundertest.DatabaseUnderTest;

/**
 * The ticket desk's database, on SQLite and on PostgreSQL: the shared migrations, the backend's own, and the seed
 * (see {@link Seed}). Each test starts from exactly that state.
 *
 * <p>A composed annotation, so that the locations are written once; a class that needs other settings (one
 * backend, another reset) uses {@link DatabaseUnderTest} itself.
 */
// tag::meta-annotation[]
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// tag::locations[]
@DatabaseUnderTest(
		migrations = { "classpath:db/migration/common", "classpath:db/migration/{vendor}" },
		seed = "classpath:seed/ticket-desk.sql")
// end::locations[]
@interface TicketDeskDatabase {
}
// end::meta-annotation[]
