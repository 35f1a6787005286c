package dev.zielwerk.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityTokensTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef";

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final IdentityTokens tokens = new IdentityTokens(SECRET);

	@Test
	void roundTripsAPartnerIdentity() {
		CallerIdentity partner = new CallerIdentity("acme-bot", Set.of("partner"), Set.of("partner"), "acme",
				NOW.plusSeconds(120));
		CallerIdentity verified = this.tokens.verify(this.tokens.mint(partner), NOW);
		assertThat(verified).isEqualTo(partner);
		assertThat(verified.isPartner()).isTrue();
	}

	@Test
	void roundTripsAnOwnerWithoutPartner() {
		CallerIdentity owner = new CallerIdentity("ana", Set.of("profiles:read", "segments:write"), Set.of("owner"),
				null, NOW.plusSeconds(60));
		CallerIdentity verified = this.tokens.verify(this.tokens.mint(owner), NOW);
		assertThat(verified.partnerId()).isNull();
		assertThat(verified.scopes()).containsExactlyInAnyOrder("profiles:read", "segments:write");
	}

	@Test
	void refusesATokenSignedWithAnotherSecret() {
		String forged = new IdentityTokens("another-secret-that-is-32-bytes!!").mint(owner());
		assertThatThrownBy(() -> this.tokens.verify(forged, NOW)).isInstanceOf(InvalidIdentityException.class)
			.hasMessageContaining("signature does not match");
	}

	@Test
	void refusesAChangedPayload() {
		String[] parts = this.tokens.mint(owner()).split("\\.");
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					"{\"sub\":\"admin\",\"exp\":9999999999,\"scope\":\"all\"}".getBytes(StandardCharsets.UTF_8));
		assertThatThrownBy(() -> this.tokens.verify(parts[0] + "." + payload + "." + parts[2], NOW))
			.hasMessageContaining("signature does not match");
	}

	@Test
	void refusesAlgNone() {
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String[] parts = this.tokens.mint(owner()).split("\\.");
		assertThatThrownBy(() -> this.tokens.verify(header + "." + parts[1] + ".", NOW))
			.hasMessageContaining("must be HS256");
	}

	@Test
	void refusesAnExpiredTokenBeyondTheSkew() {
		String token = this.tokens.mint(owner());
		assertThat(this.tokens.verify(token, NOW.plusSeconds(60 + 29)).subject()).isEqualTo("ana");
		assertThatThrownBy(() -> this.tokens.verify(token, NOW.plusSeconds(60 + 31))).hasMessageContaining("expired");
	}

	@Test
	void refusesMalformedTokens() {
		assertThatThrownBy(() -> this.tokens.verify("abc", NOW)).hasMessageContaining("3 dot-separated parts");
	}

	@Test
	void refusesAShortSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentityTokens("short"))
			.withMessageContaining("at least 32 bytes");
	}

	private static CallerIdentity owner() {
		return new CallerIdentity("ana", Set.of("profiles:read"), Set.of("owner"), null, NOW.plusSeconds(60));
	}

}
