package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.dbundertest.DatabaseUnderTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CI recipes in {@code docs/ci/} are valid YAML, are shown in {@code docs/ci.md}, and configure the extension
 * with its real variable names and values: the backends of a matrix, the provider, and for an external server a
 * URL that reaches the recipe's PostgreSQL service with its password. No database: a plain test.
 */
class CiRecipesTest {

	private static final Set<String> BACKENDS = Set.of("sqlite", "postgres", "postgresql", "all");
	private static final Set<String> PROVIDERS = Set.of("auto", "external", "testcontainers", "embedded");
	private static final Set<String> VARIABLES = Set.of(DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE,
			DatabaseUnderTest.POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE,
			DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE,
			DatabaseUnderTest.POSTGRES_IMAGE_ENVIRONMENT_VARIABLE);
	private static final Pattern VARIABLE_NAME = Pattern.compile("DATABASE_UNDER_TEST\\w*");
	private static final Pattern MATRIX_EXPRESSION = Pattern.compile("\\$\\{\\{\\s*matrix\\.(\\w+)\\s*}}");

	static Stream<Named<Path>> recipes() throws IOException {
		try (Stream<Path> files = Files.list(Manual.ROOT.resolve("docs/ci"))) {
			List<Path> recipes = files.filter(file -> file.toString().matches(".*\\.ya?ml")).sorted().toList();
			assertFalse(recipes.isEmpty(), "no recipes in docs/ci");
			return recipes.stream().map(recipe -> Named.of(Manual.relative(recipe), recipe));
		}
	}

	@ParameterizedTest
	@MethodSource("recipes")
	void isValidYaml(Path recipe) throws IOException {
		parse(recipe);
	}

	@ParameterizedTest
	@MethodSource("recipes")
	void isShownInTheCiPage(Path recipe) throws IOException {
		String marker = "<!-- snippet: " + Manual.relative(recipe) + " -->";
		assertTrue(Files.readString(Manual.ROOT.resolve("docs/ci.md")).contains(marker),
				"docs/ci.md does not show " + Manual.relative(recipe) + " (no line " + marker + ")");
	}

	@ParameterizedTest
	@MethodSource("recipes")
	void usesOnlyRealVariableNames(Path recipe) throws IOException {
		Matcher name = VARIABLE_NAME.matcher(Files.readString(recipe));
		while (name.find()) {
			assertTrue(VARIABLES.contains(name.group()), "Unknown variable " + name.group() + " in "
					+ Manual.relative(recipe) + "; the extension reads " + VARIABLES);
		}
	}

	@ParameterizedTest
	@MethodSource("recipes")
	void runsTheSuiteOnBothBackends(Path recipe) throws IOException {
		Object document = parse(recipe);
		Set<String> selections = new LinkedHashSet<>();
		settings(document, DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE,
				value -> selections.addAll(resolveMatrix(document, value, recipe)));

		assertFalse(selections.isEmpty(), Manual.relative(recipe) + " never sets "
				+ DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE);
		Set<String> backends = new LinkedHashSet<>();
		for (String selection : selections) {
			for (String part : selection.split(",", -1)) {
				String backend = part.strip().toLowerCase(Locale.ROOT);
				assertTrue(BACKENDS.contains(backend), "Invalid value '" + selection + "' of "
						+ DatabaseUnderTest.BACKENDS_ENVIRONMENT_VARIABLE + " in " + Manual.relative(recipe)
						+ "; valid: sqlite, postgres, postgresql, all, or a comma-separated list");
				backends.add(backend.equals("postgresql") ? "postgres" : backend);
			}
		}
		assertTrue(backends.contains("all") || backends.containsAll(Set.of("sqlite", "postgres")),
				Manual.relative(recipe) + " selects only " + backends + ", not both backends");
	}

	@ParameterizedTest
	@MethodSource("recipes")
	void reachesPostgresWhereItSaysItDoes(Path recipe) throws IOException {
		Object document = parse(recipe);
		List<String> providers = new ArrayList<>();
		List<String> urls = new ArrayList<>();
		settings(document, DatabaseUnderTest.POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE, providers::add);
		settings(document, DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE, urls::add);
		String name = Manual.relative(recipe);

		assertTrue(providers.size() <= 1, name + " chooses the provider more than once: " + providers);
		String provider = providers.isEmpty() ? "auto" : providers.get(0);
		assertTrue(PROVIDERS.contains(provider), "Invalid value '" + provider + "' of "
				+ DatabaseUnderTest.POSTGRES_PROVIDER_ENVIRONMENT_VARIABLE + " in " + name + "; valid: " + PROVIDERS);
		if (urls.isEmpty()) {
			assertFalse(provider.equals("external"), name + ": the external provider needs "
					+ DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE);
			return;
		}
		assertTrue(provider.equals("external") || provider.equals("auto"), name + ": the " + provider
				+ " provider ignores " + DatabaseUnderTest.POSTGRES_URL_ENVIRONMENT_VARIABLE);
		assertEquals(1, urls.size(), name + " sets more than one URL: " + urls);
		URI url = URI.create(urls.get(0).replaceFirst("^jdbc:", ""));
		assertEquals("postgresql", url.getScheme(), name + ": not a PostgreSQL URL: " + urls.get(0));

		List<Service> services = services(document);
		assertFalse(services.isEmpty(), name + " connects to " + url.getHost() + " but starts no PostgreSQL service");
		Service service = services.stream()
			.filter(s -> s.host().equals(url.getHost()) && s.port() == url.getPort())
			.findFirst()
			.orElseGet(() -> fail(name + ": the URL's " + url.getHost() + ":" + url.getPort()
					+ " is none of the services " + services));
		String userInfo = url.getUserInfo();
		assertTrue(userInfo != null && userInfo.contains(":"), name + ": the URL names no user and password");
		assertEquals(service.password(), userInfo.substring(userInfo.indexOf(':') + 1),
				name + ": the URL's password is not the service's POSTGRES_PASSWORD");
	}

	private static Object parse(Path recipe) throws IOException {
		Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(recipe));
		assertInstanceOf(Map.class, document, Manual.relative(recipe) + " is not a YAML mapping");
		return document;
	}

	/** Every value given to the variable anywhere in the document: in env/variables maps and CI matrices. */
	private static void settings(Object node, String variable, Consumer<String> values) {
		walk(node, (key, value) -> {
			if (variable.equals(key)) {
				if (value instanceof List<?> list) {
					list.forEach(element -> values.accept(String.valueOf(element)));
				}
				else {
					values.accept(String.valueOf(value));
				}
			}
		});
	}

	/** {@code ${{ matrix.db }}} (GitHub Actions) becomes the values of the job's matrix entry {@code db}. */
	private static List<String> resolveMatrix(Object document, String value, Path recipe) {
		Matcher expression = MATRIX_EXPRESSION.matcher(value);
		if (!expression.matches()) {
			return List.of(value);
		}
		List<String> values = new ArrayList<>();
		walk(document, (key, node) -> {
			if ("matrix".equals(key) && node instanceof Map<?, ?> matrix
					&& matrix.get(expression.group(1)) instanceof List<?> list) {
				list.forEach(element -> values.add(String.valueOf(element)));
			}
		});
		assertFalse(values.isEmpty(), Manual.relative(recipe) + " uses " + value + " but has no such matrix entry");
		return values;
	}

	/**
	 * The PostgreSQL services of the recipe, as the job reaches them: GitHub Actions publishes the container's
	 * ports on localhost; GitLab CI reaches a service by its alias on port 5432.
	 */
	private static List<Service> services(Object document) {
		List<Service> services = new ArrayList<>();
		walk(document, (key, node) -> {
			if (!"services".equals(key)) {
				return;
			}
			if (node instanceof Map<?, ?> github) { // GitHub Actions: name -> {image, env, ports}
				for (Object definition : github.values()) {
					if (definition instanceof Map<?, ?> service && image(service).startsWith("postgres")) {
						String password = String.valueOf(map(service.get("env")).get("POSTGRES_PASSWORD"));
						for (Object port : list(service.get("ports"))) {
							String[] hostAndContainer = String.valueOf(port).split(":");
							if (hostAndContainer.length == 2 && hostAndContainer[1].equals("5432")) {
								services.add(new Service("localhost", Integer.parseInt(hostAndContainer[0]), password));
							}
						}
					}
				}
			}
			else if (node instanceof List<?> gitlab) { // GitLab CI: "image" or {name, alias}
				for (Object definition : gitlab) {
					Map<?, ?> service = definition instanceof Map<?, ?> m ? m : Map.of("name", definition);
					if (image(service).startsWith("postgres")) {
						String alias = service.get("alias") != null ? String.valueOf(service.get("alias"))
								: image(service).replaceFirst(":.*", "").replace('/', '-');
						services.add(new Service(alias, 5432, String.valueOf(variable(document, "POSTGRES_PASSWORD"))));
					}
				}
			}
		});
		return services;
	}

	private static String image(Map<?, ?> service) {
		Object image = service.containsKey("image") ? service.get("image") : service.get("name");
		return image == null ? "" : String.valueOf(image);
	}

	private static Object variable(Object document, String name) {
		List<Object> values = new ArrayList<>();
		walk(document, (key, value) -> {
			if (name.equals(key)) {
				values.add(value);
			}
		});
		return values.isEmpty() ? null : values.get(0);
	}

	private static Map<?, ?> map(Object node) {
		return node instanceof Map<?, ?> map ? map : Map.of();
	}

	private static List<?> list(Object node) {
		return node instanceof List<?> list ? list : List.of();
	}

	/** Calls the visitor with every key and value of every mapping in the tree. */
	private static void walk(Object node, BiConsumer<Object, Object> visitor) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				visitor.accept(key, value);
				walk(value, visitor);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach(element -> walk(element, visitor));
		}
	}

	private record Service(String host, int port, String password) {
	}
}
