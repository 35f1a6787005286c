package dev.zielwerk.connectors.destination;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTests {

	@Test
	void metaEmailVectorHashesAfterTrimAndLowerCase() {
		assertThat(Identifiers.sha256Hex(Identifiers.email("  Mary@Example.COM \n")))
			.isEqualTo("f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79");
	}

	@Test
	void metaPhoneVectorHashesDigitsWithCountryCodeAndNoPlus() {
		assertThat(Identifiers.phoneDigits("+1 (555) 987-6543")).isEqualTo("15559876543");
		assertThat(Identifiers.sha256Hex(Identifiers.phoneDigits("+15559876543")))
			.isEqualTo("1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e");
	}

	@Test
	void googlePhoneKeepsTheLeadingPlus() {
		assertThat(Identifiers.phonePlusE164("+1 212-565-0000")).isEqualTo("+12125650000");
	}

	@Test
	void mailchimpSubscriberHashIsMd5OfTheLowerCasedEmail() {
		assertThat(Identifiers.md5Hex(Identifiers.email("Urist.McVankab@freddiesjokes.com")))
			.isEqualTo("62eeb292278cc15f5817cb78f7790b08");
	}

	@Test
	void emailLosesTrailingDotsAndControlCharacters() {
		assertThat(Identifiers.email("a\u0007b@example.com.")).isEqualTo("ab@example.com");
	}

	@Test
	void namesKeepLettersOnlyAndUsPostalCodesKeepFiveDigits() {
		assertThat(Identifiers.lettersOnly("O'Brien-Müller")).isEqualTo("obrienmüller");
		assertThat(Identifiers.postalCode("94043 1351", "US")).isEqualTo("94043");
		assertThat(Identifiers.postalCode("SW1A 1AA", "GB")).isEqualTo("sw1a1aa");
	}

}
