package io.github.dbundertest.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the ticket desk's API, to keep the example free of libraries: objects (as {@link Map}s),
 * arrays (as {@link List}s), strings, integers (as {@link Long}s; the API has no other numbers), booleans and
 * {@code null}. A real service would use a JSON library.
 */
final class Json {

	private Json() {
	}

	/** The JSON text of a map (with string keys), list, string, {@code Long} or {@code null}, nested as needed. */
	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	/**
	 * The value of a JSON text.
	 *
	 * @throws IllegalArgumentException if the text is not JSON, or has a number that is not an integer
	 */
	static Object parse(String text) {
		Parser parser = new Parser(text);
		Object value = parser.value();
		parser.skipWhitespace();
		if (parser.position < text.length()) {
			throw parser.error("end of input");
		}
		return value;
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String string) {
			writeString(string, out);
		}
		else if (value instanceof Long) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(separator);
				writeString((String) entry.getKey(), out);
				out.append(':');
				write(entry.getValue(), out);
				separator = ",";
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			String separator = "";
			for (Object element : list) {
				out.append(separator);
				write(element, out);
				separator = ",";
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("No JSON for a " + value.getClass().getName());
		}
	}

	private static void writeString(String string, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/** A recursive-descent parser over one text. */
	private static final class Parser {

		private final String text;
		private int position;

		Parser(String text) {
			this.text = text;
		}

		Object value() {
			skipWhitespace();
			if (position >= text.length()) {
				throw error("a value");
			}
			char c = text.charAt(position);
			return switch (c) {
				case '{' -> object();
				case '[' -> array();
				case '"' -> string();
				case 't' -> literal("true", Boolean.TRUE);
				case 'f' -> literal("false", Boolean.FALSE);
				case 'n' -> literal("null", null);
				default -> {
					if (c == '-' || isDigit(c)) {
						yield integer();
					}
					throw error("a value");
				}
			};
		}

		private Map<String, Object> object() {
			Map<String, Object> object = new LinkedHashMap<>();
			position++; // {
			skipWhitespace();
			if (consume('}')) {
				return object;
			}
			do {
				skipWhitespace();
				if (position >= text.length() || text.charAt(position) != '"') {
					throw error("a string as name");
				}
				String name = string();
				skipWhitespace();
				expect(':');
				if (object.containsKey(name)) {
					throw error("no second \"" + name + "\"");
				}
				object.put(name, value());
				skipWhitespace();
			}
			while (consume(','));
			expect('}');
			return object;
		}

		private List<Object> array() {
			List<Object> array = new ArrayList<>();
			position++; // [
			skipWhitespace();
			if (consume(']')) {
				return array;
			}
			do {
				array.add(value());
				skipWhitespace();
			}
			while (consume(','));
			expect(']');
			return array;
		}

		private String string() {
			StringBuilder string = new StringBuilder();
			position++; // opening quote
			while (position < text.length()) {
				char c = text.charAt(position++);
				if (c == '"') {
					return string.toString();
				}
				if (c < 0x20) {
					throw error("no control character in a string");
				}
				string.append(c == '\\' ? escaped() : c);
			}
			throw error("the end of the string");
		}

		private char escaped() {
			if (position >= text.length()) {
				throw error("an escape");
			}
			char c = text.charAt(position++);
			return switch (c) {
				case '"', '\\', '/' -> c;
				case 'b' -> '\b';
				case 'f' -> '\f';
				case 'n' -> '\n';
				case 'r' -> '\r';
				case 't' -> '\t';
				case 'u' -> unicodeEscape();
				default -> throw error("a valid escape");
			};
		}

		private char unicodeEscape() {
			if (position + 4 > text.length()) {
				throw error("four hex digits");
			}
			try {
				char c = (char) Integer.parseInt(text.substring(position, position + 4), 16);
				position += 4;
				return c;
			}
			catch (NumberFormatException e) {
				throw error("four hex digits");
			}
		}

		private Long integer() {
			int start = position;
			consume('-');
			int firstDigit = position;
			while (position < text.length() && isDigit(text.charAt(position))) {
				position++;
			}
			int digits = position - firstDigit;
			if (digits == 0 || (digits > 1 && text.charAt(firstDigit) == '0')) {
				position = start;
				throw error("an integer");
			}
			if (position < text.length() && ".eE".indexOf(text.charAt(position)) >= 0) {
				throw error("an integer, the only kind of number this API uses");
			}
			try {
				return Long.valueOf(text.substring(start, position));
			}
			catch (NumberFormatException e) {
				position = start;
				throw error("an integer that fits in 64 bits");
			}
		}

		private Object literal(String word, Object value) {
			if (!text.startsWith(word, position)) {
				throw error("a value");
			}
			position += word.length();
			return value;
		}

		private static boolean isDigit(char c) {
			return c >= '0' && c <= '9';
		}

		void skipWhitespace() {
			while (position < text.length() && " \t\n\r".indexOf(text.charAt(position)) >= 0) {
				position++;
			}
		}

		private boolean consume(char c) {
			if (position < text.length() && text.charAt(position) == c) {
				position++;
				return true;
			}
			return false;
		}

		private void expect(char c) {
			if (!consume(c)) {
				throw error("'" + c + "'");
			}
		}

		IllegalArgumentException error(String expected) {
			return new IllegalArgumentException("Invalid JSON at offset " + position + ": expected " + expected);
		}
	}
}
