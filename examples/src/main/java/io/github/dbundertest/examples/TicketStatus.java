package io.github.dbundertest.examples;

import java.util.Arrays;
import java.util.Locale;

/** Where a ticket is in its life; stored as its lower-case {@linkplain #value() value}. */
public enum TicketStatus {

	OPEN, CLOSED;

	/** The value in the {@code tickets.status} column and in the JSON of the API. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status of a stored or requested value, e.g. {@code "open"}. */
	public static TicketStatus of(String value) {
		return Arrays.stream(values())
			.filter(status -> status.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown ticket status '" + value + "'; expected 'open' or 'closed'"));
	}
}
