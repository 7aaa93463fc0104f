package io.github.dbundertest.benchmarks.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.dbundertest.internal.reset.PostgresSnapshot;

/**
 * Cuts the extension's restore into pieces that can be timed one round trip each, keeping each piece as the
 * extension runs it: the statements of the restore call as plain SQL, the statements of the restore function's
 * body grouped by kind into PL/pgSQL functions of their own (so their plans are cached, as the real function's
 * are), and the schema fingerprint's subqueries likewise.
 *
 * <p>It reads the SQL the extension generates, so it depends on its shape; if that changes, {@link #of} fails
 * with a message and the profile is skipped, while the main table, which only calls the extension, is unaffected.
 */
final class RestorePieces {

	/**
	 * @param label what the piece does
	 * @param statements how many statements it is
	 * @param install DDL to run once before timing (a function of ours in pg_temp), or null
	 * @param call what is timed
	 * @param detail whether it is a part of the previous piece rather than a piece of the restore
	 */
	record Piece(String label, int statements, String install, String call, boolean detail) {
	}

	private static final Pattern DOLLAR_TAG = Pattern.compile("\\$[A-Za-z0-9_]*\\$");
	private static final String FUNCTION_CALL = "SELECT pg_temp.dbundertest_restore()";

	private RestorePieces() {
	}

	static List<Piece> of(PostgresSnapshot snapshot) {
		List<Piece> pieces = new ArrayList<>();
		List<String> call = statements(snapshot.restoreCall());
		int function = call.indexOf(FUNCTION_CALL);
		if (function < 0) {
			throw new IllegalStateException("the restore call no longer runs " + FUNCTION_CALL);
		}
		addPlainSql(pieces, call.subList(0, function));
		addFunctionBody(pieces, functionBody(snapshot.installFunction()));
		addPlainSql(pieces, call.subList(function + 1, call.size()));
		return pieces;
	}

	private static void addPlainSql(List<Piece> pieces, List<String> statements) {
		for (List<String> group : groupByLabel(statements)) {
			pieces.add(new Piece(label(group.get(0)), group.size(), null, String.join(";\n", group) + ";", false));
		}
	}

	private static void addFunctionBody(List<Piece> pieces, String body) {
		int number = 0;
		for (List<String> group : groupByLabel(statements(body))) {
			String label = "function: " + label(group.get(0));
			boolean returns = group.get(0).toUpperCase().startsWith("RETURN");
			String name = "pg_temp.bench_piece_" + ++number;
			pieces.add(new Piece(label, group.size(), function(name, String.join(";\n", group) + (returns ? ";" : ";\nRETURN NULL;")),
					"SELECT " + name + "()", false));
			if (label.endsWith("schema fingerprint")) {
				addFingerprintParts(pieces, group.get(0));
			}
		}
	}

	/**
	 * The fingerprint's parts: the scalar subqueries inside {@code concat_ws('|', …)}, each labelled by the
	 * catalog it reads, each in a function with the fingerprint's WITH clause, if it has one.
	 */
	private static void addFingerprintParts(List<Piece> pieces, String returnStatement) {
		String fingerprint = returnStatement.replaceFirst("(?s)^RETURN\\s*\\(", "").replaceFirst("(?s)\\)\\s*$", "");
		int select = fingerprint.indexOf("SELECT md5(concat_ws('|',");
		if (select < 0) {
			return;
		}
		String with = fingerprint.substring(0, select);
		int number = 0;
		for (String part : arguments(fingerprint, select + "SELECT md5(concat_ws('|',".length())) {
			Matcher from = Pattern.compile("FROM (\\w+)").matcher(part);
			String name = "pg_temp.bench_fingerprint_" + ++number;
			pieces.add(new Piece("  part: " + (from.find() ? from.group(1) : "?"), 1,
					function(name, "RETURN (" + with + "SELECT length(" + part + "));"), "SELECT " + name + "()", true));
		}
	}

	private static String function(String name, String body) {
		return "CREATE OR REPLACE FUNCTION " + name + "() RETURNS text LANGUAGE plpgsql AS $bench$\nBEGIN\n" + body
				+ "\nEND\n$bench$";
	}

	private static String functionBody(String installFunction) {
		Matcher tag = Pattern.compile("(?s)\\bAS (\\$\\w*\\$)\\s*BEGIN\\n(.*)END\\s*\\1\\s*$").matcher(installFunction);
		if (!tag.find()) {
			throw new IllegalStateException("the restore function no longer has the shape this profile reads");
		}
		return tag.group(2);
	}

	private static String label(String statement) {
		String upper = statement.toUpperCase();
		if (upper.contains("PG_TERMINATE_BACKEND")) {
			return "end abandoned transactions";
		}
		if (upper.startsWith("BEGIN") || upper.startsWith("SET")) {
			return "BEGIN + SET LOCAL";
		}
		if (upper.startsWith("DELETE")) {
			return "DELETE FROM each table";
		}
		if (upper.startsWith("TRUNCATE")) {
			return "TRUNCATE";
		}
		if (upper.startsWith("INSERT")) {
			return "INSERT from JSON, per populated table";
		}
		if (upper.contains("SETVAL")) {
			return "setval(...) for every sequence";
		}
		if (upper.startsWith("COMMIT")) {
			return "COMMIT";
		}
		if (upper.contains("MD5(CONCAT_WS")) {
			return "schema fingerprint";
		}
		return "other";
	}

	private static List<List<String>> groupByLabel(List<String> statements) {
		List<List<String>> groups = new ArrayList<>();
		String previous = null;
		for (String statement : statements) {
			String label = label(statement);
			if (!label.equals(previous)) {
				groups.add(new ArrayList<>());
			}
			groups.get(groups.size() - 1).add(statement);
			previous = label;
		}
		return groups;
	}

	/** Top-level statements, skipping what is quoted or dollar-quoted (the JSON rows). */
	static List<String> statements(String script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int i = 0;
		while (i < script.length()) {
			char c = script.charAt(i);
			if (c == ';') {
				add(statements, current);
				i++;
				continue;
			}
			int end = endOfToken(script, i);
			current.append(script, i, end);
			i = end;
		}
		add(statements, current);
		return statements;
	}

	/** The top-level, comma-separated arguments of the call whose opening parenthesis precedes {@code from}. */
	private static List<String> arguments(String sql, int from) {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		int i = from;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (depth == 0 && (c == ',' || c == ')')) {
				arguments.add(current.toString().strip());
				current.setLength(0);
				if (c == ')') {
					break;
				}
				i++;
				continue;
			}
			depth += c == '(' ? 1 : c == ')' ? -1 : 0;
			int end = endOfToken(sql, i);
			current.append(sql, i, end);
			i = end;
		}
		return arguments;
	}

	/** Where the token at {@code i} ends: after a quoted or dollar-quoted string, else after one character. */
	private static int endOfToken(String sql, int i) {
		char c = sql.charAt(i);
		if (c == '\'') {
			int j = i + 1;
			while (j < sql.length()) {
				if (sql.charAt(j) == '\'') {
					if (j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
						j += 2;
						continue;
					}
					return j + 1;
				}
				j++;
			}
			return j;
		}
		if (c == '$') {
			Matcher tag = DOLLAR_TAG.matcher(sql).region(i, sql.length());
			if (tag.lookingAt()) {
				int close = sql.indexOf(tag.group(), tag.end());
				if (close >= 0) {
					return close + tag.group().length();
				}
			}
		}
		return i + 1;
	}

	private static void add(List<String> statements, StringBuilder current) {
		String statement = current.toString().strip();
		if (!statement.isEmpty()) {
			statements.add(statement);
		}
		current.setLength(0);
	}
}
