package io.github.dbundertest.internal.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The address of an existing PostgreSQL server, from a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=…})
 * or a libpq/Prisma-style URI ({@code postgresql://user:password@host:5432/db?schema=public}).
 *
 * @param host the host name or address
 * @param port the port
 * @param database the database named in the URL: the extension connects to it to create its own databases,
 *        and never changes it
 * @param username the user, or {@code null} for the driver's default
 * @param password the password, or {@code null}
 * @param properties further JDBC connection properties, e.g. {@code sslmode}
 */
public record PostgresUrl(String host, int port, String database, String username, String password,
		Map<String, String> properties) {

	private static final Pattern JDBC = Pattern
		.compile("jdbc:postgresql://(?<host>\\[[^\\]]+\\]|[^:/?,]+)(?::(?<port>[^/?]*))?(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?");
	private static final Pattern URI = Pattern.compile(
			"postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\\[[^\\]]+\\]|[^:/?,]*)(?::(?<port>[^/?]*))?(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?");

	/** Prisma's own parameters: they mean nothing to JDBC and are dropped. */
	private static final Set<String> PRISMA_ONLY = Set.of("connection_limit", "pool_timeout", "socket_timeout",
			"pgbouncer", "statement_cache_size", "sslaccept", "sslidentity", "sslpassword", "sslcert");

	private static final String FORMS = "Use a JDBC URL (jdbc:postgresql://host:5432/postgres?user=postgres&password=secret) "
			+ "or a libpq URI (postgresql://postgres:secret@host:5432/postgres)";

	public PostgresUrl {
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	/** Parses either form; {@code origin} says where the value came from, for the error message. */
	public static PostgresUrl parse(String url, String origin) {
		Matcher jdbc = JDBC.matcher(url);
		if (jdbc.matches()) {
			Map<String, String> query = query(jdbc.group("query"), url, origin);
			String user = query.remove("user");
			String password = query.remove("password");
			return create(jdbc, user, password, query, url, origin);
		}
		Matcher uri = URI.matcher(url);
		if (uri.matches()) {
			Map<String, String> query = query(uri.group("query"), url, origin);
			PRISMA_ONLY.forEach(query::remove);
			String schema = query.remove("schema");
			if (schema != null) {
				query.put("currentSchema", schema);
			}
			String user = decode(uri.group("user"));
			String password = decode(uri.group("password"));
			if (query.containsKey("user")) {
				user = query.remove("user");
			}
			if (query.containsKey("password")) {
				password = query.remove("password");
			}
			return create(uri, user, password, query, url, origin);
		}
		throw new ConfigurationException(
				origin + " is not a PostgreSQL URL: '" + redact(url) + "'. " + FORMS + ".");
	}

	private static PostgresUrl create(Matcher matcher, String user, String password, Map<String, String> properties,
			String url, String origin) {
		String host = matcher.group("host");
		if (host == null || host.isEmpty()) {
			throw new ConfigurationException(origin + " names no host: '" + redact(url) + "'. " + FORMS + ".");
		}
		int port = 5432;
		String portText = matcher.group("port");
		if (portText != null && !portText.isEmpty()) {
			try {
				port = Integer.parseInt(portText);
			}
			catch (NumberFormatException e) {
				port = -1;
			}
			if (port < 1 || port > 65535) {
				throw new ConfigurationException(origin + " has an invalid port '" + portText + "' in '" + redact(url)
						+ "'. The port is a number from 1 to 65535, e.g. 5432.");
			}
		}
		String database = decode(matcher.group("db"));
		if (database == null || database.isEmpty()) {
			database = "postgres";
		}
		return new PostgresUrl(host, port, database, emptyToNull(user), emptyToNull(password), properties);
	}

	private static Map<String, String> query(String query, String url, String origin) {
		Map<String, String> result = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return result;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw new ConfigurationException(origin + " has a malformed parameter '" + pair + "' in '"
						+ redact(url) + "'. Parameters are written name=value and joined with &.");
			}
			result.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
		}
		return result;
	}

	private static String decode(String text) {
		return text == null ? null : URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String emptyToNull(String text) {
		return text == null || text.isEmpty() ? null : text;
	}

	/** The URL with its password replaced by {@code ***}, for messages and logs. */
	public static String redact(String url) {
		return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
	}

	/** A JDBC URL of {@code databaseName} on this server, without credentials. */
	public String jdbcUrl(String databaseName) {
		String hostAndPort = host + ":" + port;
		String query = properties.entrySet()
			.stream()
			.map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return "jdbc:postgresql://" + hostAndPort + "/" + encode(databaseName) + (query.isEmpty() ? "" : "?" + query);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "postgresql://" + (username == null ? "" : username + (password == null ? "" : ":***") + "@") + host
				+ ":" + port + "/" + database;
	}
}
