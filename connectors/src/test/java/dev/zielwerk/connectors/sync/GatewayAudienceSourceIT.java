package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import dev.zielwerk.connectors.destination.ConsentPurpose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayAudienceSourceIT {

	private final AudienceFixture fixture = new AudienceFixture();

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private GatewayAudienceSource source(String token) {
		return new GatewayAudienceSource(WebClient.builder(), new GatewayProperties(this.fixture.url(), token));
	}

	@Test
	void pagesThroughTheSegmentWithIdentifiersAndEffectiveConsent() {
		for (int i = 1; i <= 7; i++) {
			this.fixture.put("s", new AudienceFixture.Person("p" + i, "p" + i + "@example.com",
					(i % 2 == 0) ? EnumSet.of(ConsentPurpose.ADVERTISING) : EnumSet.noneOf(ConsentPurpose.class)));
		}

		List<AudienceEntry> members = source(AudienceFixture.TOKEN).members("s", 3)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(members).extracting((entry) -> entry.member().key())
			.containsExactly("p1", "p2", "p3", "p4", "p5", "p6", "p7");
		assertThat(members.get(1).member().email()).isEqualTo("p2@example.com");
		assertThat(members.get(1).consented()).containsExactly(ConsentPurpose.ADVERTISING);
		assertThat(members.get(0).consented()).isEmpty();
		assertThat(this.fixture.requests()).isEqualTo(3);
	}

	@Test
	void asksOnlyAboutTheGivenProfiles() {
		this.fixture.put("s", new AudienceFixture.Person("a", "a@example.com", EnumSet.noneOf(ConsentPurpose.class)));
		this.fixture.put("s", new AudienceFixture.Person("b", "b@example.com", EnumSet.noneOf(ConsentPurpose.class)));

		AudiencePage page = source(AudienceFixture.TOKEN).page("s", List.of("b", "gone"), 2, null)
			.block(Duration.ofSeconds(10));

		assertThat(page.entries()).extracting((entry) -> entry.member().key()).containsExactly("b");
		assertThat(page.hasNextPage()).isFalse();
	}

	@Test
	void failsWithTheGatewaysErrorWithoutTheServiceToken() {
		this.fixture.put("s", new AudienceFixture.Person("a", "a@example.com", EnumSet.noneOf(ConsentPurpose.class)));

		StepVerifier.create(source("").page("s", null, 10, null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(AudienceSourceException.class)
				.hasMessageContaining("missing service token"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsForAnUnknownSegment() {
		StepVerifier.create(source(AudienceFixture.TOKEN).page("unknown", null, 10, null))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(AudienceSourceException.class)
				.hasMessageContaining("was not found"))
			.verify(Duration.ofSeconds(10));
	}

}
