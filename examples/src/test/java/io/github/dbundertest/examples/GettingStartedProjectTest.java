package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The project of {@code docs/getting-started.md} ({@code docs/getting-started/pom.xml}, with
 * {@link GreetingsTest} and its migration) uses the versions this repository is built and tested with: the
 * extension's own, JUnit's, and those of the compiler and Surefire plugins. No database: a plain test.
 */
class GettingStartedProjectTest {

	private static Document gettingStarted;
	private static Document root;
	private static final XPath XPATH = XPathFactory.newInstance().newXPath();

	@BeforeAll
	static void readPoms() throws Exception {
		gettingStarted = read(Manual.ROOT.resolve("docs/getting-started/pom.xml"));
		root = read(Manual.ROOT.resolve("pom.xml"));
	}

	@Test
	void dependsOnThisVersionOfTheExtension() throws Exception {
		assertEquals(value(root, "/project/version"),
				value(gettingStarted, dependency("io.github.dbundertest", "dbundertest-junit-jupiter") + "/version"));
		assertEquals("test",
				value(gettingStarted, dependency("io.github.dbundertest", "dbundertest-junit-jupiter") + "/scope"));
	}

	@Test
	void usesTheJUnitThisRepositoryBuildsAgainst() throws Exception {
		assertEquals(value(root, "/project/properties/junit.version"), value(gettingStarted,
				"/project/dependencyManagement/dependencies/dependency[artifactId='junit-bom']/version"));
		assertEquals("test", value(gettingStarted, dependency("org.junit.jupiter", "junit-jupiter") + "/scope"));
	}

	@Test
	void pinsThePluginsThisRepositoryUses() throws Exception {
		assertEquals(value(root, "/project/properties/surefire.version"),
				value(gettingStarted, plugin("maven-surefire-plugin") + "/version"));
		assertEquals(value(root, "/project/build/pluginManagement/plugins/plugin[artifactId='maven-compiler-plugin']"
				+ "/version"), value(gettingStarted, plugin("maven-compiler-plugin") + "/version"));
		assertEquals(value(root, "/project/properties/maven.compiler.release"),
				value(gettingStarted, "/project/properties/maven.compiler.release"));
	}

	@Test
	void itsFilesAreTheExamplesCopies() {
		String page = String.join("\n", Manual.lines(Manual.ROOT.resolve("docs/getting-started.md")));
		for (String file : new String[] { "docs/getting-started/pom.xml",
				"examples/src/test/resources/db/greetings/V1__create_greetings.sql",
				"examples/src/test/java/io/github/dbundertest/examples/GreetingsTest.java" }) {
			assertTrue(Files.isRegularFile(Manual.ROOT.resolve(file)), file);
			assertTrue(page.contains("<!-- snippet: " + file + " -->"), "docs/getting-started.md does not show " + file);
		}
	}

	private static String dependency(String groupId, String artifactId) {
		return "/project/dependencies/dependency[groupId='" + groupId + "' and artifactId='" + artifactId + "']";
	}

	private static String plugin(String artifactId) {
		return "/project/build/plugins/plugin[artifactId='" + artifactId + "']";
	}

	private static String value(Document pom, String path) throws Exception {
		String value = XPATH.evaluate(path, pom).strip();
		assertFalse(value.isEmpty(), "nothing at " + path);
		return value;
	}

	private static Document read(Path pom) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
	}
}
