package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/tickets/{id}/comments}: a ticket's conversation, oldest first. */
@TicketDeskDatabase
class CommentsApiTest {

	private TicketDeskServer server;
	private ApiClient api;
	private long printer;
	private long alice;

	@BeforeEach
	void startServer(DataSource dataSource) throws IOException, SQLException {
		server = TicketDeskServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dataSource);
		api = new ApiClient(server.baseUri());
		printer = new TicketRepository(dataSource, Clock.systemUTC()).search(Seed.PRINTER).get(0).id();
		alice = new UserRepository(dataSource, new PasswordHasher()).findByEmail(Seed.ALICE).orElseThrow().id();
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void listsSeededCommentsOldestFirst() throws Exception {
		HttpResponse<String> response = api.get("api/tickets/" + printer + "/comments");

		assertEquals(200, response.statusCode());
		assertEquals(List.of(Seed.FIRST_PRINTER_COMMENT, Seed.SECOND_PRINTER_COMMENT), bodies(response));
	}

	@Test
	void postedCommentComesLast() throws Exception {
		HttpResponse<String> posted = api.post("api/tickets/" + printer + "/comments", """
				{"authorId": %d, "body": "Roller replaced; printing again."}""".formatted(alice));
		assertEquals(201, posted.statusCode());
		assertEquals(printer, ApiClient.object(posted).get("ticketId"));

		HttpResponse<String> listed = api.get("api/tickets/" + printer + "/comments");

		assertEquals(
				List.of(Seed.FIRST_PRINTER_COMMENT, Seed.SECOND_PRINTER_COMMENT, "Roller replaced; printing again."),
				bodies(listed));
	}

	@Test
	void commentsOfMissingTicketAreNotFound() throws Exception {
		assertEquals(404, api.get("api/tickets/999/comments").statusCode());
		assertEquals(404, api.post("api/tickets/999/comments", """
				{"authorId": %d, "body": "Anyone?"}""".formatted(alice)).statusCode());
	}

	@Test
	void commentByUnknownAuthorIsUnprocessable() throws Exception {
		HttpResponse<String> response = api.post("api/tickets/" + printer + "/comments", """
				{"authorId": 999, "body": "Who am I?"}""");

		assertEquals(422, response.statusCode());
	}

	@Test
	void blankCommentIsBadRequest() throws Exception {
		HttpResponse<String> response = api.post("api/tickets/" + printer + "/comments", """
				{"authorId": %d, "body": "  "}""".formatted(alice));

		assertEquals(400, response.statusCode());
	}

	private static List<?> bodies(HttpResponse<String> response) {
		return ApiClient.objects(response).stream().map(comment -> comment.get("body")).toList();
	}
}
