package io.github.dbundertest.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the Docker engine "are you there?" ({@code GET /_ping}) on the places Testcontainers would look, in well
 * under a second, so that choosing a provider costs nothing when Docker is absent.
 */
public final class DockerProbe {

	private static final long TIMEOUT_MILLIS = 1500;

	/**
	 * @param endpoint where Docker answered or was last tried
	 * @param answers whether it answered
	 * @param detail why not, if it did not
	 */
	public record Result(String endpoint, boolean answers, String detail) {
	}

	private DockerProbe() {
	}

	public static Result probe() {
		List<String> tried = new ArrayList<>();
		for (String endpoint : candidates()) {
			Optional<String> failure = ping(endpoint);
			if (failure.isEmpty()) {
				return new Result(endpoint, true, "");
			}
			tried.add(endpoint + " (" + failure.get() + ")");
		}
		return new Result(String.join(", ", candidates()), false, "no Docker engine answered at " + String.join(", ", tried));
	}

	/** DOCKER_HOST, then Testcontainers' own setting, then the usual sockets. */
	private static List<String> candidates() {
		List<String> candidates = new ArrayList<>();
		String dockerHost = System.getenv("DOCKER_HOST");
		if (dockerHost != null && !dockerHost.isBlank()) {
			candidates.add(dockerHost.trim());
			return candidates;
		}
		testcontainersProperty("docker.host").ifPresent(candidates::add);
		candidates.add("unix:///var/run/docker.sock");
		String home = System.getProperty("user.home");
		candidates.add("unix://" + home + "/.docker/run/docker.sock");
		candidates.add("unix://" + home + "/.docker/desktop/docker.sock");
		String runtime = System.getenv("XDG_RUNTIME_DIR");
		if (runtime != null) {
			candidates.add("unix://" + runtime + "/docker.sock");
		}
		return candidates;
	}

	private static Optional<String> testcontainersProperty(String key) {
		Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		catch (IOException e) {
			return Optional.empty();
		}
		return Optional.ofNullable(properties.getProperty(key));
	}

	private static Optional<String> ping(String endpoint) {
		CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
			try {
				return request(endpoint);
			}
			catch (IOException e) {
				return "no answer: " + e.getMessage();
			}
		}, task -> {
			Thread thread = new Thread(task, "dbundertest-docker-probe");
			thread.setDaemon(true);
			thread.start();
		});
		try {
			String response = answer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			return response.startsWith("HTTP/") && response.contains(" 200 ") ? Optional.empty()
					: Optional.of(response.startsWith("no answer") ? response : "unexpected answer");
		}
		catch (TimeoutException e) {
			return Optional.of("no answer within " + TIMEOUT_MILLIS + " ms");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted");
		}
		catch (ExecutionException e) {
			return Optional.of(String.valueOf(e.getCause().getMessage()));
		}
	}

	private static String request(String endpoint) throws IOException {
		byte[] ping = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		if (endpoint.startsWith("unix://")) {
			Path socket = Path.of(endpoint.substring("unix://".length()));
			if (!Files.exists(socket)) {
				return "no answer: " + socket + " does not exist";
			}
			try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				channel.connect(UnixDomainSocketAddress.of(socket));
				channel.write(ByteBuffer.wrap(ping));
				ByteBuffer buffer = ByteBuffer.allocate(512);
				channel.read(buffer);
				return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
			}
		}
		if (endpoint.startsWith("tcp://")) {
			URI uri = URI.create(endpoint);
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) TIMEOUT_MILLIS);
				socket.setSoTimeout((int) TIMEOUT_MILLIS);
				socket.getOutputStream().write(ping);
				byte[] buffer = new byte[512];
				int read = socket.getInputStream().read(buffer);
				return read <= 0 ? "no answer: connection closed" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
			}
		}
		return "no answer: unsupported address (only unix:// and tcp:// are probed)";
	}
}
