/**
 * Internal implementation of dbundertest. Not an API: anything here may change or disappear in any release.
 */
package io.github.dbundertest.internal;
