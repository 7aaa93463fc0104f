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
 * Runs the annotated test method or {@code @Nested} class only on the named backends of a
 * {@link DatabaseUnderTest} class; on the other backends it is reported as skipped, with the reason.
 *
 * <pre>{@code
 * @Test
 * @EnabledOnBackend(Backend.POSTGRES)
 * void storesTagsAsArray(Connection connection) { ... }
 * }</pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MisplacedBackendCondition.class)
public @interface EnabledOnBackend {

	/** The backends to run on; at least one. */
	Backend[] value();

	/** Why the test only runs there; shown in the skip reason. */
	String disabledReason() default "";
}
