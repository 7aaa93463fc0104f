package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smoke test the migration guide asks for before a release, run over HTTP against SQLite and PostgreSQL
 * alike: the health check answers, a user logs in, a new ticket is created and shows up in the list.
 */
@TicketDeskDatabase
class ReleaseChecklistTest {

	private TicketDeskServer server;
	private ApiClient api;

	// @BeforeEach, not @BeforeAll: a @BeforeAll method runs once for both backends, before any database exists
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
	void healthCheckAnswers() throws Exception {
		HttpResponse<String> response = api.get("api/healthz");

		assertEquals(200, response.statusCode());
		assertEquals(Map.of("status", "ok"), ApiClient.object(response));
	}

	@Test
	void seededUserLogsIn(DataSource dataSource) throws Exception {
		long alice = new UserRepository(dataSource, new PasswordHasher()).findByEmail(Seed.ALICE).orElseThrow().id();

		HttpResponse<String> response = api.post("api/login", """
				{"email": "%s", "password": "%s"}""".formatted(Seed.ALICE, Seed.ALICE_PASSWORD));

		assertEquals(200, response.statusCode());
		assertEquals(Map.of("userId", alice), ApiClient.object(response));
	}

	@Test
	void loginWithWrongPasswordIsRefused() throws Exception {
		HttpResponse<String> response = api.post("api/login", """
				{"email": "%s", "password": "%s"}""".formatted(Seed.ALICE, Seed.BOB_PASSWORD));

		assertEquals(401, response.statusCode());
	}

	@Test
	void createdTicketIsListedLast() throws Exception {
		HttpResponse<String> created = api.post("api/tickets", """
				{"title": "Projector in room 2 shows no picture", "tags": ["hardware"]}""");
		assertEquals(201, created.statusCode());

		HttpResponse<String> listed = api.get("api/tickets?status=open");

		assertEquals(200, listed.statusCode());
		List<Map<?, ?>> open = ApiClient.objects(listed);
		assertEquals(List.of(Seed.PRINTER, Seed.VPN, "Projector in room 2 shows no picture"),
				open.stream().map(ticket -> ticket.get("title")).toList());
		assertEquals(ApiClient.object(created), open.get(2));
	}

	@Test
	void closedTicketsAreListedApart() throws Exception {
		HttpResponse<String> response = api.get("api/tickets?status=closed");

		assertEquals(200, response.statusCode());
		assertEquals(List.of(Seed.LAPTOP), ApiClient.objects(response).stream().map(t -> t.get("title")).toList());
	}
}
