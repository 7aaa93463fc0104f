package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/tickets}: what it answers to good requests and to bad ones. */
@TicketDeskDatabase
class TicketsApiTest {

	private TicketDeskServer server;
	private ApiClient api;

	@BeforeEach
	void startServer(DataSource dataSource) throws IOException {
		server = TicketDeskServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dataSource);
		api = new ApiClient(server.baseUri());
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void createdTicketComesBackNormalised(DataSource dataSource) throws Exception {
		long bob = new UserRepository(dataSource, new PasswordHasher()).findByEmail(Seed.BOB).orElseThrow().id();

		HttpResponse<String> response = api.post("api/tickets", """
				{"title": "Monitor flickers", "assigneeId": %d, "tags": ["Hardware", " monitor ", "hardware"]}"""
			.formatted(bob));

		assertEquals(201, response.statusCode());
		Map<?, ?> ticket = ApiClient.object(response);
		assertEquals("Monitor flickers", ticket.get("title"));
		assertEquals("open", ticket.get("status"));
		assertEquals(bob, ticket.get("assigneeId"));
		assertEquals(List.of("hardware", "monitor"), ticket.get("tags"));
		assertDoesNotThrow(() -> Instant.parse((String) ticket.get("createdAt")), "createdAt is an ISO-8601 instant");
	}

	@Test
	void pagesWithLimitAndOffset() throws Exception {
		HttpResponse<String> response = api.get("api/tickets?status=open&limit=1&offset=1");

		assertEquals(200, response.statusCode());
		assertEquals(List.of(Seed.VPN), ApiClient.objects(response).stream().map(t -> t.get("title")).toList());
	}

	@Test
	void ticketForUnknownAssigneeIsUnprocessable() throws Exception {
		HttpResponse<String> response = api.post("api/tickets", """
				{"title": "Nobody's ticket", "assigneeId": 999}""");

		assertEquals(422, response.statusCode());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{\"title\": 42}", "{\"title\": \"\"}", "{\"title\": \"Tagged\", \"tags\": \"x\"}" })
	void malformedTicketIsBadRequest(String json) throws Exception {
		HttpResponse<String> response = api.post("api/tickets", json);

		assertEquals(400, response.statusCode());
		assertTrue(ApiClient.object(response).containsKey("error"), response.body());
	}

	@ParameterizedTest
	@ValueSource(strings = { "status=pending", "limit=0", "limit=101", "offset=-1", "limit=ten" })
	void badListParametersAreBadRequest(String query) throws Exception {
		assertEquals(400, api.get("api/tickets?" + query).statusCode());
	}

	@Test
	void unsupportedMethodNamesTheAllowedOnes() throws Exception {
		HttpResponse<String> response = api.post("api/healthz", "{}");

		assertEquals(405, response.statusCode());
		assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
	}

	@Test
	void unknownPathIsNotFound() throws Exception {
		assertEquals(404, api.get("api/tickets/1").statusCode());
	}
}
