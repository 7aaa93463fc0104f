package io.github.dbundertest.examples;

/** A user with this e-mail address, in any letter case, already exists. */
public final class DuplicateEmailException extends RuntimeException {

	DuplicateEmailException(String email, Throwable cause) {
		super("A user with e-mail " + email + " already exists", cause);
	}
}
