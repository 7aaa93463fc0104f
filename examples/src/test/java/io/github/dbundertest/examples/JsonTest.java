package io.github.dbundertest.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's hand-rolled JSON. No database: a plain test class, run once whatever the selected backends. */
class JsonTest {

	@Test
	void writtenValuesParseBackEqual() {
		Map<String, Object> ticket = new LinkedHashMap<>();
		ticket.put("id", 42L);
		ticket.put("title", "Quote \" backslash \\ tab \t newline \n bell \u0007 emoji \uD83D\uDE00");
		ticket.put("assigneeId", null);
		ticket.put("tags", List.of("a", "b"));
		List<Object> list = Arrays.asList(ticket, List.of(), Map.of());

		String json = Json.write(list);

		assertEquals(list, Json.parse(json));
		assertEquals("{\"id\":42,\"assigneeId\":null}", Json.write(withoutTitleAndTags(ticket)));
	}

	@Test
	void parsesWhitespaceEscapesAndLiterals() {
		Object parsed = Json.parse(" { \"a\" : [ true , false , null ] , \"b\" : \"\\u00e9\\/\" , \"c\" : -7 } ");

		assertEquals(Map.of("a", Arrays.asList(true, false, null), "b", "é/", "c", -7L), parsed);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "\"unterminated", "1.5", "1e3", "01", "-",
			"99999999999999999999", "{\"a\": 1, \"a\": 2}", "tru", "{} {}", "\"\\x\"", "\"tab\tinside\"" })
	void refusesWhatIsNotJsonOrNotForThisApi(String text) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
		assertTrue(e.getMessage().startsWith("Invalid JSON at offset "), e.getMessage());
	}

	private static Map<String, Object> withoutTitleAndTags(Map<String, Object> ticket) {
		Map<String, Object> copy = new LinkedHashMap<>(ticket);
		copy.remove("title");
		copy.remove("tags");
		return copy;
	}
}
