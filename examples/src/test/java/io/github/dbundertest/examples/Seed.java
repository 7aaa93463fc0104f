package io.github.dbundertest.examples;

import java.time.Instant;

/** What {@code seed/ticket-desk.sql} puts in the database before every test. */
final class Seed {

	static final String ALICE = "alice@example.com";
	static final String ALICE_PASSWORD = "alice-password";
	static final String BOB = "bob@example.com";
	static final String BOB_PASSWORD = "bob-password";
	static final int USERS = 2;

	/** Closed, assigned to Bob, tagged {@code hardware}. */
	static final String LAPTOP = "New laptop for Dana";
	/** Open, assigned to Alice, tagged {@code hardware} and {@code printer}, with two comments. */
	static final String PRINTER = "Printer on floor 3 is jammed";
	static final Instant PRINTER_CREATED_AT = Instant.parse("2024-05-01T09:00:00Z");
	/** Open, unassigned, tagged {@code network}. */
	static final String VPN = "VPN disconnects every hour";
	static final int TICKETS = 3;

	static final String FIRST_PRINTER_COMMENT = "Cleared a paper jam in tray 2.";
	static final String SECOND_PRINTER_COMMENT = "Jammed again; ordering a new roller.";
	static final int COMMENTS = 2;

	private Seed() {
	}
}
