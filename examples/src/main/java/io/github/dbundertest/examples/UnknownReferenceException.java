package io.github.dbundertest.examples;

/** A row refers to a ticket or user that does not exist: the database refused it with a foreign key. */
public final class UnknownReferenceException extends RuntimeException {

	UnknownReferenceException(String message, Throwable cause) {
		super(message, cause);
	}
}
