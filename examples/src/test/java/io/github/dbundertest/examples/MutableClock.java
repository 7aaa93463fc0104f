package io.github.dbundertest.examples;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that shows whatever instant the test sets, so that rows get the timestamps the test needs. */
final class MutableClock extends Clock {

	private volatile Instant instant;

	MutableClock(Instant instant) {
		this.instant = instant;
	}

	void set(Instant instant) {
		this.instant = instant;
	}

	@Override
	public Instant instant() {
		return instant;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The repositories read instants only; no zone needed");
	}
}
