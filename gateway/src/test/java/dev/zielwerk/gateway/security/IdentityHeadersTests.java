package dev.zielwerk.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity header is minted once per caller and minted again after half its lifetime;
 * it never outlives the caller's credential.
 */
class IdentityHeadersTests {

	private final IdentityTokens tokens = new IdentityTokens(SecureSubgraphs.IDENTITY_SECRET);

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
			return IdentityHeadersTests.this.now;
		}
	};

	@Test
	void aTokenIsReusedForHalfItsLifetimeThenMintedAgain() {
		IdentityHeaders headers = new IdentityHeaders(this.tokens, Duration.ofMinutes(2), this.clock);
		CallerIdentity caller = new CallerIdentity("alice", Set.of("a"), Set.of(), null, this.now.plusSeconds(3600));
		String first = headers.token(caller);
		this.now = this.now.plusSeconds(59);
		assertThat(headers.token(caller)).isSameAs(first);
		this.now = this.now.plusSeconds(2);
		String second = headers.token(caller);
		assertThat(second).isNotEqualTo(first);
		CallerIdentity verified = this.tokens.verify(second, this.now);
		assertThat(verified.subject()).isEqualTo("alice");
		assertThat(verified.expiresAt()).isEqualTo(this.now.plusSeconds(120));
	}

	@Test
	void aTokenNeverOutlivesTheCredential() {
		IdentityHeaders headers = new IdentityHeaders(this.tokens, Duration.ofMinutes(2), this.clock);
		CallerIdentity caller = new CallerIdentity("bob", Set.of(), Set.of(), null, this.now.plusSeconds(30));
		assertThat(this.tokens.verify(headers.token(caller), this.now).expiresAt()).isEqualTo(this.now.plusSeconds(30));
	}

	@Test
	void withoutASecretNoHeaderIsSent() {
		assertThat(IdentityHeaders.disabled().enabled()).isFalse();
		assertThat(IdentityHeaders.disabled().token(CallerIdentity.anonymous(this.now))).isNull();
	}

}
