package dev.zielwerk.profile.partner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.zielwerk.profile.error.DeniedException;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlap rate limit against a real Redis, and against a Redis that is not there:
 * then it refuses (fails closed) within its timeout instead of letting queries through.
 */
class OverlapRateLimitIT {

	private static final PartnerProperties PROPERTIES = new PartnerProperties(50, 2, Duration.ofHours(1), 10_000, 1_000,
			URI.create("http://127.0.0.1:1/graphql"), Duration.ofSeconds(5), Duration.ofMillis(500));

	@Test
	void allowsTheBudgetPerWindowAndPartnerThenRefuses() {
		URI redis = URI.create(TestInfrastructure.get().redis().url());
		LettuceConnectionFactory factory = factory(redis.getHost(), redis.getPort());
		try {
			Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:15:00Z"), ZoneOffset.UTC);
			String namespace = "zwtest:overlap:" + UUID.randomUUID();
			OverlapRateLimit limit = new OverlapRateLimit(new ReactiveStringRedisTemplate(factory), PROPERTIES,
					namespace, clock);
			StepVerifier.create(limit.acquire("acme")).verifyComplete();
			StepVerifier.create(limit.acquire("acme")).verifyComplete();
			StepVerifier.create(limit.acquire("acme"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(DeniedException.class)
					.hasMessage("partner acme has used its 2 overlap queries per PT1H; the next window opens at "
							+ "2026-03-01T11:00:00Z")
					.extracting((e) -> ((DeniedException) e).code())
					.isEqualTo("RATE_LIMITED"))
				.verify();
			StepVerifier.create(limit.acquire("other")).verifyComplete();
			OverlapRateLimit nextWindow = new OverlapRateLimit(new ReactiveStringRedisTemplate(factory), PROPERTIES,
					namespace, Clock.fixed(Instant.parse("2026-03-01T11:00:00Z"), ZoneOffset.UTC));
			StepVerifier.create(nextWindow.acquire("acme")).verifyComplete();
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void refusesWhenRedisDoesNotAnswer() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		LettuceConnectionFactory factory = factory("127.0.0.1", closed);
		try {
			OverlapRateLimit limit = new OverlapRateLimit(new ReactiveStringRedisTemplate(factory), PROPERTIES, "zw",
					Clock.systemUTC());
			StepVerifier.create(limit.acquire("acme"))
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(DeniedException.class)
					.hasMessageStartingWith("the overlap rate limit cannot be checked")
					.extracting((e) -> ((DeniedException) e).code())
					.isEqualTo("UNAVAILABLE"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			factory.destroy();
		}
	}

	private static LettuceConnectionFactory factory(String host, int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
