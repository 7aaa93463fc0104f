package io.github.dbundertest.examples;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Runs the ticket desk as it runs in production: migrate, then serve. {@code DATABASE_URL} is a JDBC URL
 * ({@code jdbc:sqlite:ticket-desk.db}, the default, or {@code jdbc:postgresql://host:5432/desk?user=…});
 * {@code PORT} defaults to 8080.
 */
public final class TicketDeskApplication {

	private TicketDeskApplication() {
	}

	public static void main(String[] args) throws IOException, SQLException {
		String url = System.getenv().getOrDefault("DATABASE_URL", "jdbc:sqlite:ticket-desk.db");
		int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
		DataSource dataSource = dataSource(url);
		int applied = Migrations.migrate(dataSource);
		TicketDeskServer server = TicketDeskServer.start(new InetSocketAddress(port), dataSource);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		System.out.println("Ticket desk on " + server.baseUri() + "api/ (" + applied + " migrations applied)");
	}

	private static DataSource dataSource(String url) {
		if (url.startsWith("jdbc:sqlite:")) {
			SQLiteConfig config = new SQLiteConfig();
			config.enforceForeignKeys(true); // off by default in SQLite, on in the tests: keep production alike
			SQLiteDataSource dataSource = new SQLiteDataSource(config);
			dataSource.setUrl(url);
			return dataSource;
		}
		if (url.startsWith("jdbc:postgresql:")) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL(url);
			return dataSource;
		}
		throw new IllegalArgumentException("DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, not " + url);
	}
}
