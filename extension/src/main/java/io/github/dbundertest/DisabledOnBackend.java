package io.github.dbundertest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.dbundertest.internal.jupiter.MisplacedBackendCondition;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips the annotated test method or {@code @Nested} class on the named backends of a
 * {@link DatabaseUnderTest} class, reporting it as skipped with the reason; it runs on the others.
 *
 * <pre>{@code
 * @Test
 * @DisabledOnBackend(value = Backend.SQLITE, disabledReason = "SQLite has no row-level locks")
 * void lockedRowsAreSkipped(DataSource dataSource) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MisplacedBackendCondition.class)
public @interface DisabledOnBackend {

	/** The backends to skip on; at least one. */
	Backend[] value();

	/** Why the test does not run there; shown in the skip reason. */
	String disabledReason() default "";
}
