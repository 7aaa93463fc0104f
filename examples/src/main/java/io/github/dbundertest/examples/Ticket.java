package io.github.dbundertest.examples;

import java.time.Instant;
import java.util.List;

/**
 * A stored ticket.
 *
 * @param id the generated id
 * @param title what the ticket is about
 * @param status open or closed
 * @param assigneeId the id of the user who works on it, or {@code null}
 * @param tags its tags, sorted
 * @param createdAt when it was opened, to the microsecond (the precision both backends keep)
 */
public record Ticket(long id, String title, TicketStatus status, Long assigneeId, List<String> tags,
		Instant createdAt) {
}
