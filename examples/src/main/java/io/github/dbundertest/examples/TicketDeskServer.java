package io.github.dbundertest.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;

/**
 * The ticket desk's HTTP API on the JDK's built-in server. It handles one request at a time, on the server's
 * own thread: enough for an example, and SQLite allows only one writer at a time anyway.
 *
 * <pre>{@code
 * try (TicketDeskServer server = TicketDeskServer.start(new InetSocketAddress(8080), dataSource)) {
 *     ...
 * }
 * }</pre>
 */
public final class TicketDeskServer implements AutoCloseable {

	private final HttpServer server;

	private TicketDeskServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts serving {@code /api/} on the address; port 0 picks a free port (see {@link #baseUri()}).
	 *
	 * @param dataSource the database, migrated (see {@link Migrations})
	 */
	public static TicketDeskServer start(InetSocketAddress address, DataSource dataSource) throws IOException {
		HttpServer server = HttpServer.create(address, 0);
		server.createContext("/api/", new ApiHandler(dataSource));
		server.start();
		return new TicketDeskServer(server);
	}

	/** Where a client on this machine reaches the server, e.g. {@code http://127.0.0.1:54321/}. */
	public URI baseUri() {
		InetSocketAddress address = server.getAddress();
		InetAddress host = address.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
				: address.getAddress();
		try {
			return new URI("http", null, host.getHostAddress(), address.getPort(), "/", null, null);
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException("An address and a port always make a URI", e);
		}
	}

	/** Stops at once: a request still running is cut off. */
	@Override
	public void close() {
		server.stop(0);
	}
}
