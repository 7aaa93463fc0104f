package io.github.dbundertest;

import static io.github.dbundertest.ResetTests.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The parity corpus: small cases, each green on SQLite and red on PostgreSQL, the kind of bug teams find only when
 * CI first runs PostgreSQL. Every case runs on plain SQLite (parity off: all pass), on SQLite in parity mode (the
 * cases it claims to catch fail, the others pass) and on PostgreSQL (all fail). The result table is
 * {@code docs/parity.md}'s, checked row by row.
 */
class ParityCorpusTests {

	/**
	 * @param method the test method of {@link CorpusTestCase}
	 * @param postgres what PostgreSQL does
	 * @param parity how parity mode makes SQLite fail it, or null
	 * @param why why parity mode cannot catch it, if it does not
	 */
	record Case(String method, String what, String postgres, String parity, String why) {

		static Case caught(String method, String what, String postgres, String parity) {
			return new Case(method, what, postgres, parity, null);
		}

		static Case missed(String method, String what, String postgres, String why) {
			return new Case(method, what, postgres, null, why);
		}

		String row() {
			return "| `" + method + "` | " + what + " | " + postgres + " | "
					+ (parity != null ? "**fails**: " + parity : "passes: " + why) + " |";
		}
	}

	static final List<Case> CASES = List.of(
			Case.caught("rowsWithoutOrderByComeInInsertionOrder", "expects the rows of a query without `ORDER BY` in the order they were inserted",
					"an updated row moves to the end: `[Grace, Linus, Ada]`", "unordered rows come in reverse"),
			Case.caught("firstRowWithoutOrderByIsTheOldest", "takes `LIMIT 1` without `ORDER BY` as the oldest row",
					"a row inserted again comes last: `Grace`", "unordered rows come in reverse"),
			Case.caught("likeIgnoresLetterCase", "searches with `LIKE 'ada'` and expects `Ada`", "`LIKE` compares letter case: no row",
					"`LIKE` compares letter case"),
			Case.caught("textInAnIntegerColumn", "stores `'unknown'` in an `INTEGER` column", "invalid input syntax for type integer",
					"the check after the test finds text in an integer column"),
			Case.caught("emptyStringForAnInteger", "stores `''` in an `INTEGER` column", "invalid input syntax for type integer",
					"the check after the test finds text in an integer column"),
			Case.caught("fractionInAnIntegerColumn", "stores 36.6 in an `INTEGER` column and reads it back", "stores 37",
					"the check after the test finds a fraction in an integer column"),
			Case.caught("integerOutOfRange", "stores 3000000000 in an `INTEGER` column", "integer out of range",
					"the check after the test finds a number beyond PostgreSQL's 32-bit integer"),
			Case.caught("smallintOutOfRange", "stores 40000 in a `SMALLINT` column", "smallint out of range",
					"the check after the test finds a number beyond a 16-bit smallint"),
			Case.caught("stringLongerThanItsVarchar", "stores 7 characters in a `VARCHAR(5)`", "value too long for type character varying(5)",
					"the check after the test finds the value too long"),
			Case.caught("textInANumericColumn", "stores `'12,50'` in a `NUMERIC(10, 2)`", "invalid input syntax for type numeric",
					"the check after the test finds text in a number column"),
			Case.caught("textInARealColumn", "stores `'heavy'` in a `REAL`", "invalid input syntax for type real",
					"the check after the test finds text in a number column"),
			Case.caught("booleanSetToTwo", "stores 2 in a `BOOLEAN`", "column is of type boolean but expression is of type integer",
					"the check after the test finds a boolean that is neither 0 nor 1"),
			Case.caught("dateThatIsNoDate", "stores `'31/12/1990'` in a `DATE`", "date/time field value out of range",
					"the check after the test finds text that is no ISO date"),
			Case.caught("timestampAsEpochSeconds", "stores 1714567890 in a `TIMESTAMP`", "column is of type timestamp but expression is of type integer",
					"the check after the test finds a number in a timestamp column"),
			Case.caught("nullInATextPrimaryKey", "inserts a null key into a `VARCHAR(10) PRIMARY KEY`", "null value violates not-null constraint",
					"the check after the test finds null in a primary key"),
			Case.missed("nullsSortFirst", "expects nulls first from `ORDER BY age`", "nulls sort last: `[Ada, Grace, Linus]`",
					"SQLite has no setting for it; write `NULLS FIRST` or `NULLS LAST`, which both accept"),
			Case.missed("wholeNumbersDivideAsIntegers", "divides a `NUMERIC` 7 by 2 and expects 3", "numeric division gives 3.5",
					"SQLite stores 7.00 as the integer 7, a value without fault; divide by 2.0"),
			Case.missed("nonAggregatedColumnInGroupBy", "selects a column neither grouped nor aggregated", "must appear in the GROUP BY clause",
					"SQLite accepts bare columns by design"),
			Case.missed("textComparedWithANumber", "compares a `TEXT` column with the number 42", "operator does not exist: text = integer",
					"SQLite converts inside the query and stores nothing wrong"),
			Case.missed("doubleQuotedStringLiteral", "writes a string in double quotes", "column \"red\" does not exist",
					"only SQLite's C API can refuse double-quoted strings, and sqlite-jdbc does not offer it"),
			Case.missed("castOfTextToInteger", "expects `CAST('abc' AS INTEGER)` to be 0", "invalid input syntax for type integer",
					"the cast happens inside the query"),
			Case.missed("negativeLimitMeansNoLimit", "writes `LIMIT -1 OFFSET 1` for \"all but the first\"", "LIMIT must not be negative",
					"SQLite-only syntax"),
			Case.missed("booleanSetFromAnInteger", "sets a `BOOLEAN` with the number 1", "column is of type boolean but expression is of type integer",
					"1 is how SQLite stores true: the value is right, the SQL is not"),
			Case.missed("insertOrReplace", "writes `INSERT OR REPLACE`", "syntax error at or near \"OR\"",
					"SQLite-only syntax; `INSERT … ON CONFLICT` works on both"),
			Case.missed("ifnullFunction", "calls `ifnull`", "function ifnull does not exist", "SQLite-only function; `coalesce` works on both"),
			Case.missed("groupConcatFunction", "calls `group_concat`", "function group_concat does not exist",
					"SQLite-only function; `string_agg` works on both (SQLite 3.44+)"),
			Case.missed("quotedIdentifierInAnotherCase", "creates `\"Teams\"` and queries `teams`", "relation \"teams\" does not exist",
					"SQLite's identifiers ignore letter case, quoted or not"));

	@Test
	void everyCaseFailsOnPostgresPassesOnPlainSqliteAndFailsInParityModeWhereItSaysSo() throws IOException {
		Map<String, Boolean> plain = passed(Engine.onBackends("sqlite")
			.with(DatabaseUnderTest.SQLITE_PARITY_PROPERTY, "off")
			.run(CorpusTestCase.class));
		Map<String, Boolean> parity = passed(Engine.onBackends("sqlite").run(CorpusTestCase.class));
		Map<String, Boolean> postgres = passed(Engine.onBackends("postgres").run(CorpusTestCase.class));

		assertThat(plain.keySet()).as("the corpus's cases").containsExactlyInAnyOrderElementsOf(
				CASES.stream().map(Case::method).toList());
		List<String> table = new ArrayList<>();
		for (Case corpusCase : CASES) {
			assertThat(plain.get(corpusCase.method())).as("%s passes on plain SQLite", corpusCase.method()).isTrue();
			assertThat(postgres.get(corpusCase.method())).as("%s fails on PostgreSQL", corpusCase.method()).isFalse();
			assertThat(parity.get(corpusCase.method())).as("%s in parity mode", corpusCase.method())
				.isEqualTo(corpusCase.parity() == null);
			table.add(corpusCase.row());
		}
		long caught = CASES.stream().filter(corpusCase -> corpusCase.parity() != null).count();
		String summary = "Parity mode fails " + caught + " of the " + CASES.size() + " cases on SQLite; plain SQLite fails none.";
		Files.createDirectories(Path.of("target"));
		Files.write(Path.of("target", "parity-corpus.md"), concat(table, summary), StandardCharsets.UTF_8);
		Path docs = Path.of("..", "docs", "parity.md");
		if (Files.exists(docs)) {
			String page = Files.readString(docs, StandardCharsets.UTF_8);
			assertThat(page).as("docs/parity.md shows the measured table").contains(table).contains(summary);
		}
	}

	private static List<String> concat(List<String> table, String summary) {
		List<String> lines = new ArrayList<>(table);
		lines.add("");
		lines.add(summary);
		return lines;
	}

	private static Map<String, Boolean> passed(EngineExecutionResults results) {
		Map<String, Boolean> passed = new LinkedHashMap<>();
		for (Event event : results.testEvents().finished().list()) {
			event.getTestDescriptor().getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
				.ifPresent(source -> passed.put(source.getMethodName(), event.getPayload(TestExecutionResult.class)
					.map(result -> result.getStatus() == TestExecutionResult.Status.SUCCESSFUL)
					.orElse(false)));
		}
		return passed;
	}

	@DatabaseUnderTest(migrations = "classpath:parity")
	static class CorpusTestCase {

		@Test
		void rowsWithoutOrderByComeInInsertionOrder(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET age = 37 WHERE id = 1");
			assertThat(column(connection, "SELECT name FROM people")).isEqualTo("[Ada, Grace, Linus]");
		}

		@Test
		void firstRowWithoutOrderByIsTheOldest(Connection connection) throws SQLException {
			execute(connection, "DELETE FROM people WHERE id = 1");
			execute(connection, "INSERT INTO people (id, name, team) VALUES (1, 'Ada', 'red')");
			assertThat(column(connection, "SELECT name FROM people LIMIT 1")).isEqualTo("[Ada]");
		}

		@Test
		void likeIgnoresLetterCase(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM people WHERE name LIKE 'ada'")).isEqualTo("[Ada]");
		}

		@Test
		void textInAnIntegerColumn(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET age = 'unknown' WHERE id = 3");
		}

		@Test
		void emptyStringForAnInteger(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET age = '' WHERE id = 2");
		}

		@Test
		void fractionInAnIntegerColumn(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET age = 36.6 WHERE id = 1");
			assertThat(column(connection, "SELECT age FROM people WHERE id = 1")).isEqualTo("[36.6]");
		}

		@Test
		void integerOutOfRange(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET age = 3000000000 WHERE id = 1");
		}

		@Test
		void smallintOutOfRange(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET score = 40000 WHERE id = 1");
		}

		@Test
		void stringLongerThanItsVarchar(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET nickname = 'Augusta' WHERE id = 1");
		}

		@Test
		void textInANumericColumn(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET balance = '12,50' WHERE id = 1");
		}

		@Test
		void textInARealColumn(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET weight = 'heavy' WHERE id = 1");
		}

		@Test
		void booleanSetToTwo(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET active = 2 WHERE id = 1");
		}

		@Test
		void dateThatIsNoDate(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET born = '31/12/1990' WHERE id = 1");
		}

		@Test
		void timestampAsEpochSeconds(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET joined = 1714567890 WHERE id = 1");
		}

		@Test
		void nullInATextPrimaryKey(Connection connection) throws SQLException {
			execute(connection, "INSERT INTO badges (code, label) VALUES (NULL, 'first commit')");
		}

		@Test
		void nullsSortFirst(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM people ORDER BY age")).isEqualTo("[Linus, Ada, Grace]");
		}

		@Test
		void wholeNumbersDivideAsIntegers(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET balance = 7.00 WHERE id = 1");
			assertThat(column(connection, "SELECT balance / 2 FROM people WHERE id = 1")).isEqualTo("[3]");
		}

		@Test
		void nonAggregatedColumnInGroupBy(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT team || ' ' || count(*) || ' ' || max(age) || ' ' || name"
					+ " FROM people WHERE team = 'blue' GROUP BY team")).isEqualTo("[blue 1 45 Grace]");
		}

		@Test
		void textComparedWithANumber(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM people WHERE code = 42")).isEqualTo("[Ada]");
		}

		@Test
		void doubleQuotedStringLiteral(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT count(*) FROM people WHERE team = \"red\"")).isEqualTo("[2]");
		}

		@Test
		void castOfTextToInteger(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT CAST('abc' AS INTEGER)")).isEqualTo("[0]");
		}

		@Test
		void negativeLimitMeansNoLimit(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT count(*) FROM (SELECT name FROM people ORDER BY id LIMIT -1 OFFSET 1) t"))
				.isEqualTo("[2]");
		}

		@Test
		void booleanSetFromAnInteger(Connection connection) throws SQLException {
			execute(connection, "UPDATE people SET active = 1 WHERE id = 1");
		}

		@Test
		void insertOrReplace(Connection connection) throws SQLException {
			execute(connection, "INSERT OR REPLACE INTO badges (code, label) VALUES ('first', 'first commit')");
		}

		@Test
		void ifnullFunction(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT ifnull(age, 0) FROM people WHERE id = 3")).isEqualTo("[0]");
		}

		@Test
		void groupConcatFunction(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT group_concat(name) FROM people WHERE team = 'blue'")).isEqualTo("[Grace]");
		}

		@Test
		void quotedIdentifierInAnotherCase(Connection connection) throws SQLException {
			assertThat(column(connection, "SELECT name FROM teams")).isEqualTo("[red]");
		}

		private static void execute(Connection connection, String sql) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}
	}
}
