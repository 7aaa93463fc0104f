package io.github.dbundertest.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTests {

	@Test
	void splitsAtTopLevelSemicolonsAndKnowsEachStatementsLine() {
		var statements = SqlScript.split("""
				-- a comment; not a statement
				INSERT INTO a VALUES ('x;y');

				/* block; comment */ INSERT INTO "odd;name" VALUES (1);
				INSERT INTO b VALUES ('it''s; fine')""");

		assertThat(statements).containsExactly(new SqlScript.Statement("INSERT INTO a VALUES ('x;y')", 2),
				new SqlScript.Statement("INSERT INTO \"odd;name\" VALUES (1)", 4),
				new SqlScript.Statement("INSERT INTO b VALUES ('it''s; fine')", 5));
	}

	@Test
	void keepsPostgresDollarQuotedBodiesWhole() {
		var statements = SqlScript.split("""
				CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
				BEGIN
				    RETURN 1;
				END;
				$body$;
				SELECT f();""");

		assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 6);
		assertThat(statements.get(0).sql()).endsWith("END;\n$body$");
	}

	@Test
	void keepsSqliteTriggerBodiesWhole() {
		var statements = SqlScript.split("""
				CREATE TRIGGER t AFTER INSERT ON a
				BEGIN
				    UPDATE b SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;
				    DELETE FROM c;
				END;
				INSERT INTO a VALUES (1);""");

		assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(1, 6);
		assertThat(statements.get(0).sql()).endsWith("DELETE FROM c;\nEND");
	}
}
