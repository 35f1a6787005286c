package dev.zielwerk.segment.engine;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The mutable clock every evaluation of the test application reads. */
@TestConfiguration(proxyBeanMethods = false)
class EngineTestConfig {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
	}

}
