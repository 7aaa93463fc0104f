package io.github.dbundertest.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The JSON object a request carries, with typed getters that refuse, with a 400, what is missing or mistyped. */
final class RequestBody {

	private final Map<?, ?> fields;

	private RequestBody(Map<?, ?> fields) {
		this.fields = fields;
	}

	static RequestBody read(InputStream in) throws IOException {
		Object json = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		if (!(json instanceof Map<?, ?> fields)) {
			throw new ApiException(400, "Expected a JSON object");
		}
		return new RequestBody(fields);
	}

	String string(String name) {
		if (!(fields.get(name) instanceof String value)) {
			throw new ApiException(400, "\"" + name + "\" must be a string");
		}
		return value;
	}

	long integer(String name) {
		Long value = optionalInteger(name);
		if (value == null) {
			throw new ApiException(400, "\"" + name + "\" must be an integer");
		}
		return value;
	}

	/** The integer, or {@code null} if the field is missing or {@code null}. */
	Long optionalInteger(String name) {
		Object value = fields.get(name);
		if (value != null && !(value instanceof Long)) {
			throw new ApiException(400, "\"" + name + "\" must be an integer or null");
		}
		return (Long) value;
	}

	/** The strings of an array; empty if the field is missing. */
	List<String> strings(String name) {
		Object value = fields.get(name);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw new ApiException(400, "\"" + name + "\" must be an array of strings");
		}
		return list.stream().map(String.class::cast).toList();
	}
}
