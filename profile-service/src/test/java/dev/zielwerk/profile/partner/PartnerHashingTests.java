package dev.zielwerk.profile.partner;

import dev.zielwerk.profile.identity.IdentityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The golden vectors of Meta's Custom Audiences guide (shared/reference/destinations.md,
 * section 2): the same hashes an ad platform or a partner computes from the same person.
 */
class PartnerHashingTests {

	private static final String MARY = "f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79";

	private static final String PHONE = "1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e";

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			EMAIL | mary@example.com                | f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79
			EMAIL | '  Mary@Example.COM '           | f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79
			PHONE | 15559876543                     | 1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e
			PHONE | +15559876543                    | 1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e
			PHONE | +1 (555) 987-6543               | 1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e
			PHONE | 001 555 987 6543                | 1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e
			""")
	void hashesLikeTheAdPlatforms(IdentityType type, String value, String expected) {
		assertThat(PartnerHashing.hash(type, value)).isEqualTo(expected);
	}

	@Test
	void normalizesBeforeHashing() {
		assertThat(PartnerHashing.normalize(IdentityType.EMAIL, "  Mary@Example.COM ")).isEqualTo("mary@example.com");
		assertThat(PartnerHashing.normalize(IdentityType.PHONE, "+1 (555) 987-6543")).isEqualTo("15559876543");
		assertThat(PartnerHashing.hash(IdentityType.EMAIL, "mary@example.com")).isEqualTo(MARY);
		assertThat(PartnerHashing.hash(IdentityType.PHONE, "+15559876543")).isEqualTo(PHONE);
	}

	@Test
	void sharesOnlyTypesWithAPublicNormalization() {
		assertThat(PartnerHashing.SHAREABLE).containsExactlyInAnyOrder(IdentityType.EMAIL, IdentityType.PHONE);
		assertThatIllegalArgumentException().isThrownBy(() -> PartnerHashing.hash(IdentityType.USER_ID, "u-1"))
			.withMessageContaining("USER_ID");
	}

	@Test
	void acceptsOnlyLowerCaseHexOfSha256Length() {
		assertThat(PartnerHashing.isHash(MARY)).isTrue();
		assertThat(PartnerHashing.isHash(MARY.toUpperCase())).isFalse();
		assertThat(PartnerHashing.isHash(MARY.substring(1))).isFalse();
		assertThat(PartnerHashing.isHash("mary@example.com")).isFalse();
	}

}
