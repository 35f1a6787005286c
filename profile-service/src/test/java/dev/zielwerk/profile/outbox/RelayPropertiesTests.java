package dev.zielwerk.profile.outbox;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RelayPropertiesTests {

	@Test
	void defaultsAreOnWithBatchesOf500AndAMillionEntryStream() {
		RelayProperties properties = bind(Map.of());
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.batchSize()).isEqualTo(500);
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(200));
		assertThat(properties.dedupTtl()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.maxLen()).isEqualTo(1_000_000);
		assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
		assertThat(properties.retentionInterval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.lockRetryInterval()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void bindsKebabCaseProperties() {
		RelayProperties properties = bind(Map.of("zielwerk.profile.relay.enabled", "false",
				"zielwerk.profile.relay.batch-size", "100", "zielwerk.profile.relay.poll-interval", "50ms",
				"zielwerk.profile.relay.max-len", "5000", "zielwerk.profile.relay.retention", "1d"));
		assertThat(properties.enabled()).isFalse();
		assertThat(properties.batchSize()).isEqualTo(100);
		assertThat(properties.pollInterval()).isEqualTo(Duration.ofMillis(50));
		assertThat(properties.maxLen()).isEqualTo(5000);
		assertThat(properties.retention()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void rejectsABatchSizeOutOfRangeAndATtlUnderASecond() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("zielwerk.profile.relay.batch-size", "0")))
			.withStackTraceContaining("batch-size must be within 1..5000");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("zielwerk.profile.relay.dedup-ttl", "500ms")))
			.withStackTraceContaining("dedup-ttl must be at least one second");
	}

	private static RelayProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("zielwerk.profile.relay",
				RelayProperties.class);
	}

}
