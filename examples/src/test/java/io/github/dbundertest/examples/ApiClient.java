package io.github.dbundertest.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Calls a running {@link TicketDeskServer} the way a browser or a smoke test would: HTTP and JSON text. */
final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final URI baseUri;

	ApiClient(URI baseUri) {
		this.baseUri = baseUri;
	}

	/** @param path relative to the server, e.g. {@code api/tickets?status=open} */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(baseUri.resolve(path)).GET());
	}

	/** @param json the request body */
	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(baseUri.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The JSON object of a response body. */
	static Map<?, ?> object(HttpResponse<String> response) {
		return (Map<?, ?>) Json.parse(response.body());
	}

	/** The JSON objects of a response body that is an array of them. */
	static List<Map<?, ?>> objects(HttpResponse<String> response) {
		return ((List<?>) Json.parse(response.body())).stream().<Map<?, ?>>map(element -> (Map<?, ?>) element).toList();
	}
}
