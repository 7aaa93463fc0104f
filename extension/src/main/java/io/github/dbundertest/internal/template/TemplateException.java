package io.github.dbundertest.internal.template;

/** A template database could not be built: a migration or a seed script failed. The message says which. */
public final class TemplateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TemplateException(String message, Throwable cause) {
		super(message, cause);
	}
}
