package dev.zielwerk.connectors.destination;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void readsDelaySeconds() {
		assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void readsAnHttpDateRelativeToNow() {
		assertThat(RetryAfter.parse("Sun, 22 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.parse("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresMissingOrUnreadableValues() {
		assertThat(RetryAfter.parse(null, NOW)).isNull();
		assertThat(RetryAfter.parse("soon", NOW)).isNull();
	}

}
