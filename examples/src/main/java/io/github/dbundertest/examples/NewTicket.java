package io.github.dbundertest.examples;

import java.util.List;
import java.util.Locale;

/**
 * What it takes to open a ticket. Tags are normalised on the way in: trimmed, lower-case, without duplicates,
 * sorted.
 *
 * @param title what the ticket is about, 1 to {@value #MAX_TITLE_LENGTH} characters
 * @param assigneeId the id of the user who works on it, or {@code null} while nobody does
 * @param tags labels for finding it later, each 1 to {@value #MAX_TAG_LENGTH} characters
 */
public record NewTicket(String title, Long assigneeId, List<String> tags) {

	/** The length of {@code tickets.title}. */
	public static final int MAX_TITLE_LENGTH = 200;

	/** The length of {@code ticket_tags.tag}. */
	public static final int MAX_TAG_LENGTH = 50;

	public NewTicket {
		if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
			throw new IllegalArgumentException("A title needs 1 to " + MAX_TITLE_LENGTH + " characters");
		}
		tags = tags.stream().map(tag -> tag.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
		if (tags.stream().anyMatch(tag -> tag.isEmpty() || tag.length() > MAX_TAG_LENGTH)) {
			throw new IllegalArgumentException("A tag needs 1 to " + MAX_TAG_LENGTH + " characters");
		}
	}

	/** An unassigned ticket. */
	public NewTicket(String title, String... tags) {
		this(title, null, List.of(tags));
	}
}
