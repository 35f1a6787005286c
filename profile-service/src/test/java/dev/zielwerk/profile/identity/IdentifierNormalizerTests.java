package dev.zielwerk.profile.identity;

import dev.zielwerk.profile.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentifierNormalizerTests {

	@Test
	void trimsAndLowerCasesEmailAddresses() {
		assertThat(IdentifierNormalizer.normalize(IdentityType.EMAIL, "  Ada.Lovelace@Example.COM "))
			.isEqualTo("ada.lovelace@example.com");
	}

	@Test
	void writesPhoneNumbersInE164UsingTheDefaultRegionForNationalNumbers() {
		assertThat(IdentifierNormalizer.normalize(IdentityType.PHONE, "030 1234567")).isEqualTo("+49301234567");
		assertThat(IdentifierNormalizer.normalize(IdentityType.PHONE, "+43 1 5331234")).isEqualTo("+4315331234");
		assertThat(IdentifierNormalizer.normalize(IdentityType.PHONE, "(01) 5331234", "AT")).isEqualTo("+4315331234");
	}

	@Test
	void keepsOtherIdentifiersAsGivenButTrimmed() {
		assertThat(IdentifierNormalizer.normalize(IdentityType.USER_ID, " User-42 ")).isEqualTo("User-42");
		assertThat(IdentifierNormalizer.normalize(IdentityType.CUSTOM, "crm:ABC-1")).isEqualTo("crm:ABC-1");
	}

	@Test
	void rejectsInvalidValuesNamingTheValueField() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> IdentifierNormalizer.normalize(IdentityType.EMAIL, "no-at-sign"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("value"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> IdentifierNormalizer.normalize(IdentityType.PHONE, "12"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> IdentifierNormalizer.normalize(IdentityType.PHONE, "call me"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> IdentifierNormalizer.normalize(IdentityType.CUSTOM, "no-namespace"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> IdentifierNormalizer.normalize(IdentityType.USER_ID, "   "));
	}

}
