package io.github.dbundertest.examples;

import java.time.Instant;

/**
 * A comment on a ticket.
 *
 * @param id the generated id
 * @param ticketId the ticket it belongs to
 * @param authorId the user who wrote it
 * @param body the text
 * @param createdAt when it was written, to the microsecond
 */
public record Comment(long id, long ticketId, long authorId, String body, Instant createdAt) {
}
