/**
 * The public API of dbundertest: {@link io.github.dbundertest.DatabaseUnderTest} and the types a test can use.
 * Everything under {@code io.github.dbundertest.internal} is an implementation detail: do not use it.
 */
package io.github.dbundertest;
