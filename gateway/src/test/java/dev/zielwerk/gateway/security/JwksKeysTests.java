package dev.zielwerk.gateway.security;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key set is fetched once and cached; an unknown key id makes one fetch, at most one
 * per refetch interval, so made-up key ids cannot flood the key server.
 */
class JwksKeysTests {

	private final JwksServer server = new JwksServer();

	private Instant now = Instant.parse("2026-01-01T10:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return JwksKeysTests.this.now;
		}
	};

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void unknownKeyIdsRefetchAtMostOncePerInterval() {
		KeyPair first = TestTokens.rsa();
		KeyPair second = TestTokens.rsa();
		this.server.serve(TestTokens.jwks(Map.of("k1", first)));
		JwksKeys keys = new JwksKeys(this.server.url(), JsonMapper.shared(), Duration.ofMinutes(15),
				Duration.ofSeconds(30), Duration.ofSeconds(5), this.clock);
		assertThat(keys.key("k1", "RS256").block()).isEqualTo(first.getPublic());
		assertThat(keys.key("k1", "RS256").block()).isEqualTo(first.getPublic());
		assertThat(this.server.requests()).isEqualTo(1);
		for (int i = 0; i < 20; i++) {
			int attempt = i;
			assertThatThrownBy(() -> keys.key("forged-" + attempt, "RS256").block())
				.isInstanceOf(AuthenticationException.class);
		}
		// the first unknown id was within the interval of the first fetch: no refetch
		assertThat(this.server.requests()).isEqualTo(1);
		this.server.serve(TestTokens.jwks(Map.of("k1", first, "k2", second)));
		this.now = this.now.plusSeconds(31);
		assertThat(keys.key("k2", "RS256").block()).isEqualTo(second.getPublic());
		assertThat(this.server.requests()).isEqualTo(2);
		assertThatThrownBy(() -> keys.key("forged", "RS256").block()).isInstanceOf(AuthenticationException.class);
		assertThat(this.server.requests()).isEqualTo(2);
	}

	@Test
	void aKeyIsUsedOnlyForItsAlgorithm() {
		KeyPair rsa = TestTokens.rsa();
		this.server.serve(TestTokens.jwks(Map.of("k1", rsa)));
		JwksKeys keys = new JwksKeys(this.server.url(), JsonMapper.shared(), Duration.ofMinutes(15),
				Duration.ofSeconds(30), Duration.ofSeconds(5), this.clock);
		assertThatThrownBy(() -> keys.key("k1", "ES256").block()).isInstanceOf(AuthenticationException.class);
		assertThat(keys.key(null, "RS256").block()).isEqualTo(rsa.getPublic());
	}

	@Test
	void keysOlderThanTheirTimeToLiveAreFetchedAgainAndKeptWhenTheServerFails() {
		KeyPair rsa = TestTokens.rsa();
		this.server.serve(TestTokens.jwks(Map.of("k1", rsa)));
		JwksKeys keys = new JwksKeys(this.server.url(), JsonMapper.shared(), Duration.ofMinutes(15),
				Duration.ofSeconds(30), Duration.ofSeconds(5), this.clock);
		keys.key("k1", "RS256").block();
		this.now = this.now.plus(Duration.ofMinutes(16));
		this.server.serve("not json");
		assertThat(keys.key("k1", "RS256").block()).isEqualTo(rsa.getPublic());
		assertThat(this.server.requests()).isEqualTo(2);
	}

}
