package io.github.dbundertest.internal.server;

import java.util.Locale;

/** Formats elapsed times for log lines: "1.9 s", "42 ms", "0.31 ms". */
public final class Durations {

	private Durations() {
	}

	public static String since(long startNanos) {
		return format(System.nanoTime() - startNanos);
	}

	public static String format(long nanos) {
		double millis = nanos / 1_000_000.0;
		if (millis >= 1000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000);
		}
		if (millis >= 10) {
			return String.format(Locale.ROOT, "%.0f ms", millis);
		}
		return String.format(Locale.ROOT, "%.2f ms", millis);
	}
}
