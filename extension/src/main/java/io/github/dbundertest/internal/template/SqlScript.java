package io.github.dbundertest.internal.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements at top-level semicolons, so that each statement runs on its own and an
 * error can name the line it starts on. Knows quoted strings and identifiers, line and block comments,
 * PostgreSQL dollar quoting and the {@code BEGIN … END} body of a SQLite trigger.
 */
final class SqlScript {

	/**
	 * One statement of a script.
	 *
	 * @param sql the statement, without the terminating semicolon
	 * @param line the 1-based line the statement starts on
	 */
	record Statement(String sql, int line) {
	}

	private SqlScript() {
	}

	static List<Statement> split(String script) {
		List<Statement> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int line = 1;
		int startLine = -1;
		int triggerDepth = 0;
		int length = script.length();
		int i = 0;
		while (i < length) {
			char c = script.charAt(i);
			char next = i + 1 < length ? script.charAt(i + 1) : '\0';
			int end;
			if (c == '-' && next == '-') {
				end = indexOrEnd(script, "\n", i);
				i = end;
				continue;
			}
			if (c == '/' && next == '*') {
				end = endOfBlockComment(script, i);
				line += count(script, i, end, '\n');
				i = end;
				continue;
			}
			if (startLine < 0 && !Character.isWhitespace(c) && c != ';') {
				startLine = line;
			}
			if (c == '\'' || c == '"' || c == '`' || c == '[') {
				char close = c == '[' ? ']' : c;
				end = endOfQuoted(script, i, close);
			}
			else if (c == '$' && isDollarTagStart(script, i)) {
				String tag = script.substring(i, script.indexOf('$', i + 1) + 1);
				int close = script.indexOf(tag, i + tag.length());
				end = close < 0 ? length : close + tag.length();
			}
			else if (Character.isLetter(c) || c == '_') {
				end = i;
				while (end < length && (Character.isLetterOrDigit(script.charAt(end)) || script.charAt(end) == '_')) {
					end++;
				}
				String word = script.substring(i, end).toUpperCase(Locale.ROOT);
				if (isTrigger(current) && (word.equals("BEGIN") || word.equals("CASE"))) {
					triggerDepth++;
				}
				else if (triggerDepth > 0 && word.equals("END")) {
					triggerDepth--;
				}
			}
			else if (c == ';' && triggerDepth == 0) {
				add(statements, current, startLine);
				current.setLength(0);
				startLine = -1;
				i++;
				continue;
			}
			else {
				end = i + 1;
			}
			line += count(script, i, end, '\n');
			current.append(script, i, end);
			i = end;
		}
		add(statements, current, startLine);
		return statements;
	}

	private static boolean isTrigger(CharSequence statement) {
		String text = statement.toString().stripLeading().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
		return text.startsWith("CREATE TRIGGER") || text.startsWith("CREATE TEMP TRIGGER")
				|| text.startsWith("CREATE TEMPORARY TRIGGER");
	}

	private static void add(List<Statement> statements, StringBuilder current, int startLine) {
		String sql = current.toString().strip();
		if (!sql.isEmpty()) {
			statements.add(new Statement(sql, startLine));
		}
	}

	private static boolean isDollarTagStart(String script, int i) {
		if (i > 0 && (Character.isLetterOrDigit(script.charAt(i - 1)) || script.charAt(i - 1) == '_')) {
			return false;
		}
		int close = script.indexOf('$', i + 1);
		if (close < 0) {
			return false;
		}
		for (int k = i + 1; k < close; k++) {
			char t = script.charAt(k);
			if (!(Character.isLetter(t) || t == '_' || (k > i + 1 && Character.isDigit(t)))) {
				return false;
			}
		}
		return true;
	}

	private static int endOfQuoted(String script, int start, char close) {
		int i = start + 1;
		while (i < script.length()) {
			if (script.charAt(i) == close) {
				if (close != ']' && i + 1 < script.length() && script.charAt(i + 1) == close) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return script.length();
	}

	private static int endOfBlockComment(String script, int start) {
		int depth = 0;
		int i = start;
		while (i < script.length() - 1) {
			if (script.charAt(i) == '/' && script.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (script.charAt(i) == '*' && script.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return script.length();
	}

	private static int indexOrEnd(String script, String text, int from) {
		int index = script.indexOf(text, from);
		return index < 0 ? script.length() : index;
	}

	private static int count(String script, int from, int to, char wanted) {
		int count = 0;
		for (int i = from; i < to; i++) {
			if (script.charAt(i) == wanted) {
				count++;
			}
		}
		return count;
	}
}
