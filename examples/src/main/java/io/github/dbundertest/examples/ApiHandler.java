package io.github.dbundertest.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The routes under {@code /api/}: health, login, tickets and their comments. Requests and responses are JSON;
 * errors are {@code {"error": "…"}} with a 4xx status, or a 500 whose cause is logged, not sent.
 */
final class ApiHandler implements HttpHandler {

	private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

	private static final Pattern COMMENTS = Pattern.compile("/api/tickets/([0-9]{1,18})/comments");
	private static final int DEFAULT_PAGE_SIZE = 50;
	private static final int MAX_PAGE_SIZE = 100;
	private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 2;

	private final DataSource dataSource;
	private final UserRepository users;
	private final TicketRepository tickets;
	private final CommentRepository comments;

	ApiHandler(DataSource dataSource) {
		this.dataSource = dataSource;
		this.users = new UserRepository(dataSource, new PasswordHasher());
		this.tickets = new TicketRepository(dataSource, Clock.systemUTC());
		this.comments = new CommentRepository(dataSource, Clock.systemUTC());
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		Response response;
		try {
			response = route(exchange);
		}
		catch (ApiException e) {
			response = error(e.status(), e.getMessage());
		}
		catch (UnknownReferenceException e) {
			response = error(422, e.getMessage());
		}
		catch (IllegalArgumentException e) { // a value the domain refuses, or a body that is not JSON
			response = error(400, e.getMessage());
		}
		catch (SQLException | RuntimeException e) {
			LOG.log(System.Logger.Level.ERROR, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " failed", e);
			response = error(500, "Internal error");
		}
		send(exchange, response);
	}

	private Response route(HttpExchange exchange) throws IOException, SQLException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		if (path.equals("/api/healthz")) {
			requireMethod(exchange, "GET");
			return health();
		}
		if (path.equals("/api/login")) {
			requireMethod(exchange, "POST");
			return login(RequestBody.read(exchange.getRequestBody()));
		}
		if (path.equals("/api/tickets")) {
			return switch (method) {
				case "GET" -> listTickets(queryParameters(exchange));
				case "POST" -> createTicket(RequestBody.read(exchange.getRequestBody()));
				default -> throw methodNotAllowed(exchange, "GET, POST");
			};
		}
		Matcher commentsPath = COMMENTS.matcher(path);
		if (commentsPath.matches()) {
			long ticketId = Long.parseLong(commentsPath.group(1));
			return switch (method) {
				case "GET" -> listComments(ticketId);
				case "POST" -> addComment(ticketId, RequestBody.read(exchange.getRequestBody()));
				default -> throw methodNotAllowed(exchange, "GET, POST");
			};
		}
		throw new ApiException(404, "No resource at " + path);
	}

	private Response health() {
		try (Connection connection = dataSource.getConnection()) {
			if (connection.isValid(HEALTH_CHECK_TIMEOUT_SECONDS)) {
				return new Response(200, Map.of("status", "ok"));
			}
		}
		catch (SQLException e) {
			LOG.log(System.Logger.Level.WARNING, "Health check cannot reach the database", e);
		}
		return new Response(503, Map.of("status", "database unavailable"));
	}

	private Response login(RequestBody body) throws SQLException {
		return users.authenticate(body.string("email"), body.string("password"))
			.map(user -> new Response(200, Map.of("userId", user.id())))
			.orElseGet(() -> error(401, "Wrong e-mail or password"));
	}

	private Response listTickets(Map<String, String> parameters) throws SQLException {
		TicketStatus status = TicketStatus.of(parameters.getOrDefault("status", TicketStatus.OPEN.value()));
		int limit = intParameter(parameters, "limit", DEFAULT_PAGE_SIZE);
		int offset = intParameter(parameters, "offset", 0);
		if (limit < 1 || limit > MAX_PAGE_SIZE || offset < 0) {
			throw new ApiException(400, "Need 1 <= limit <= " + MAX_PAGE_SIZE + " and offset >= 0");
		}
		return new Response(200, tickets.list(status, limit, offset).stream().map(ApiHandler::json).toList());
	}

	private Response createTicket(RequestBody body) throws SQLException {
		NewTicket ticket = new NewTicket(body.string("title"), body.optionalInteger("assigneeId"),
				body.strings("tags"));
		return new Response(201, json(tickets.create(ticket)));
	}

	private Response listComments(long ticketId) throws SQLException {
		requireTicket(ticketId);
		return new Response(200, comments.list(ticketId).stream().map(ApiHandler::json).toList());
	}

	private Response addComment(long ticketId, RequestBody body) throws SQLException {
		requireTicket(ticketId); // a missing ticket is a 404; a missing author stays a 422
		return new Response(201, json(comments.add(ticketId, body.integer("authorId"), body.string("body"))));
	}

	private void requireTicket(long ticketId) throws SQLException {
		if (tickets.find(ticketId).isEmpty()) {
			throw new ApiException(404, "No ticket " + ticketId);
		}
	}

	private static Map<String, Object> json(Ticket ticket) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", ticket.id());
		json.put("title", ticket.title());
		json.put("status", ticket.status().value());
		json.put("assigneeId", ticket.assigneeId());
		json.put("tags", ticket.tags());
		json.put("createdAt", ticket.createdAt().toString());
		return json;
	}

	private static Map<String, Object> json(Comment comment) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", comment.id());
		json.put("ticketId", comment.ticketId());
		json.put("authorId", comment.authorId());
		json.put("body", comment.body());
		json.put("createdAt", comment.createdAt().toString());
		return json;
	}

	private static Map<String, String> queryParameters(HttpExchange exchange) {
		Map<String, String> parameters = new HashMap<>();
		String query = exchange.getRequestURI().getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] nameAndValue = pair.split("=", 2);
				parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
						nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
			}
		}
		return parameters;
	}

	private static int intParameter(Map<String, String> parameters, String name, int defaultValue) {
		String value = parameters.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			throw new ApiException(400, name + " must be an integer, not '" + value + "'");
		}
	}

	private static void requireMethod(HttpExchange exchange, String allowed) {
		if (!exchange.getRequestMethod().equals(allowed)) {
			throw methodNotAllowed(exchange, allowed);
		}
	}

	private static ApiException methodNotAllowed(HttpExchange exchange, String allowed) {
		exchange.getResponseHeaders().set("Allow", allowed);
		return new ApiException(405, "Use " + allowed);
	}

	private static Response error(int status, String message) {
		return new Response(status, Map.of("error", message));
	}

	private static void send(HttpExchange exchange, Response response) throws IOException {
		byte[] body = Json.write(response.body()).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(response.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Response(int status, Object body) {
	}
}
