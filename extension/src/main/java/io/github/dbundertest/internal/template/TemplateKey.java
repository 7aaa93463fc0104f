package io.github.dbundertest.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The name under which a migrated template is cached between runs: a hash of everything that makes it — the
 * backend, the locations, the name and content of every file in them (scripts and Java migrations alike), the seed
 * scripts, and the extension's version. A changed, added or removed file gives another key, so a stale template is
 * never used.
 */
final class TemplateKey {

	private static final String EXTENSION_VERSION = extensionVersion();

	private TemplateKey() {
	}

	static String of(MigrationPlan plan, ClassLoader classLoader) {
		MessageDigest digest = sha256();
		update(digest, "dbundertest " + EXTENSION_VERSION + "\n" + plan.backend() + "\n");
		for (String location : plan.locations()) {
			update(digest, "location " + location + "\n");
			files(location, classLoader).forEach((name, content) -> {
				update(digest, name + " " + content.length + "\n");
				digest.update(content);
			});
		}
		for (String seed : plan.seeds()) {
			try {
				update(digest, "seed " + seed + "\n" + MigrationPlan.readSeed(seed, classLoader) + "\n");
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
	}

	/** Every file under a location, by path relative to it, in a stable order. */
	private static Map<String, byte[]> files(String location, ClassLoader classLoader) {
		Map<String, byte[]> files = new TreeMap<>();
		try {
			if (location.startsWith("filesystem:")) {
				readTree(Path.of(location.substring("filesystem:".length())), files);
				return files;
			}
			String path = MigrationPlan.stripPrefix(location);
			for (URL url : Collections.list(classLoader.getResources(path))) {
				if (url.getProtocol().equals("file")) {
					readTree(Path.of(url.toURI()), files);
				}
				else if (url.getProtocol().equals("jar")) {
					readJar(url, path, files);
				}
				else {
					files.put(url.toString(), new byte[0]); // unknown scheme: its name at least
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read migration location " + location, e);
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
		return files;
	}

	private static void readTree(Path root, Map<String, byte[]> files) throws IOException {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
				files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		}
	}

	private static void readJar(URL url, String path, Map<String, byte[]> files) throws IOException {
		JarURLConnection connection = (JarURLConnection) url.openConnection();
		connection.setUseCaches(false);
		try (JarFile jar = connection.getJarFile()) {
			String prefix = path.endsWith("/") ? path : path + "/";
			for (var entry : Collections.list(jar.entries())) {
				if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
					try (InputStream in = jar.getInputStream(entry)) {
						files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
					}
				}
			}
		}
	}

	/** The released version; for a snapshot also when its classes were built, since they change under one version. */
	private static String extensionVersion() {
		String version = "unknown";
		try (InputStream in = TemplateKey.class
			.getResourceAsStream("/META-INF/maven/io.github.dbundertest/dbundertest-junit-jupiter/pom.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				version = properties.getProperty("version", version);
			}
		}
		catch (IOException e) {
			// the version stays unknown; the build time below still separates builds
		}
		if (!version.endsWith("-SNAPSHOT") && !version.equals("unknown")) {
			return version;
		}
		try {
			Path classes = Path.of(TemplateKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return version + "@" + lastModified(classes);
		}
		catch (IOException | URISyntaxException | RuntimeException e) {
			return version;
		}
	}

	/**
	 * When a jar was built, or the newest class file of a folder was compiled: a folder's own time changes only when
	 * a file is added or removed, not when the extension's code in it changes.
	 */
	private static long lastModified(Path classes) throws IOException {
		if (!Files.isDirectory(classes)) {
			return Files.getLastModifiedTime(classes).toMillis();
		}
		try (var files = Files.walk(classes)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> {
				try {
					return Files.getLastModifiedTime(file).toMillis();
				}
				catch (IOException e) {
					return 0;
				}
			}).max().orElse(0);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
	}
}
