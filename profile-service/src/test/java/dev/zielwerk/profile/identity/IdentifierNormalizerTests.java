package dev.zielwerk.profile.identity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierNormalizerTests {

	private final IdentifierNormalizer normalizer = new IdentifierNormalizer(IdentityProperties.defaults());

	@Test
	void emailIsTrimmedAndLowerCased() {
		assertThat(this.normalizer.normalize(IdentityType.EMAIL, "  Ada.Lovelace@Example.COM "))
			.contains(new Identifier(IdentityType.EMAIL, "ada.lovelace@example.com"));
	}

	@Test
	void somethingWithoutAnAtSignIsNoEmail() {
		assertThat(this.normalizer.normalize(IdentityType.EMAIL, "ada.example.com")).isEmpty();
		assertThat(this.normalizer.normalize(IdentityType.EMAIL, "a@b@c")).isEmpty();
	}

	@Test
	void phoneNumbersBecomeE164WithTheDefaultRegionForNationalNumbers() {
		assertThat(this.normalizer.normalize(IdentityType.PHONE, "030 1234567"))
			.contains(new Identifier(IdentityType.PHONE, "+49301234567"));
		assertThat(this.normalizer.normalize(IdentityType.PHONE, "+1 (650) 253-0000"))
			.contains(new Identifier(IdentityType.PHONE, "+16502530000"));
		assertThat(this.normalizer.normalize(IdentityType.PHONE, "not a number")).isEmpty();
	}

	@Test
	void defaultRegionIsConfigurable() {
		IdentifierNormalizer french = new IdentifierNormalizer(new IdentityProperties(null, null, null, "FR"));
		assertThat(french.normalize(IdentityType.PHONE, "01 42 68 53 00"))
			.contains(new Identifier(IdentityType.PHONE, "+33142685300"));
	}

	@Test
	void blockedValuesYieldNoIdentifierWhateverTheirCase() {
		for (String blocked : List.of("null", "UNDEFINED", " 0 ", "", "none", "Unknown", "anonymous")) {
			assertThat(this.normalizer.normalize(IdentityType.USER_ID, blocked)).as(blocked).isEmpty();
		}
		assertThat(this.normalizer.normalize(IdentityType.EMAIL, "Test@Test.com")).isEmpty();
	}

	@Test
	void blockedValuesAreConfigurable() {
		IdentifierNormalizer custom = new IdentifierNormalizer(
				new IdentityProperties(null, null, Set.of("guest-1"), null));
		assertThat(custom.normalize(IdentityType.USER_ID, "GUEST-1")).isEmpty();
		assertThat(custom.normalize(IdentityType.USER_ID, "null")).isPresent();
	}

	@Test
	void customIdentifiersNeedANamespaceWhichIsLowerCased() {
		assertThat(this.normalizer.normalize(IdentityType.CUSTOM, "CRM:Abc-1"))
			.contains(new Identifier(IdentityType.CUSTOM, "crm:Abc-1"));
		assertThat(this.normalizer.normalize(IdentityType.CUSTOM, "no-namespace")).isEmpty();
		assertThat(this.normalizer.normalize(IdentityType.CUSTOM, "crm:null")).isEmpty();
	}

	@Test
	void otherIdentifiersAreTrimmedOnly() {
		assertThat(this.normalizer.normalize(IdentityType.USER_ID, " User-42 "))
			.contains(new Identifier(IdentityType.USER_ID, "User-42"));
	}

	@Test
	void suppressionHashIsSha256OfTypeColonValue() {
		assertThat(new Identifier(IdentityType.USER_ID, "u1").suppressionHash())
			.isEqualTo("69a9cf20f9a193a83bf5da3415d343417fb44abb827ff30a3abadedd58a2dcde");
	}

	@Test
	void prioritiesAndLimitsHaveDefaultsAndCanBeOverridden() {
		IdentityProperties defaults = IdentityProperties.defaults();
		assertThat(defaults.rank(IdentityType.USER_ID)).isLessThan(defaults.rank(IdentityType.EMAIL));
		assertThat(defaults.rank(IdentityType.DEVICE_ID)).isLessThan(defaults.rank(IdentityType.ANONYMOUS_ID));
		assertThat(defaults.limit(IdentityType.USER_ID)).isEqualTo(1);
		assertThat(defaults.limit(IdentityType.ANONYMOUS_ID)).isEqualTo(Integer.MAX_VALUE);
		IdentityProperties custom = new IdentityProperties(List.of(IdentityType.EMAIL, IdentityType.USER_ID),
				Map.of(IdentityType.EMAIL, 1), null, null);
		assertThat(custom.rank(IdentityType.EMAIL)).isLessThan(custom.rank(IdentityType.USER_ID));
		assertThat(custom.limit(IdentityType.EMAIL)).isEqualTo(1);
		assertThat(custom.limit(IdentityType.USER_ID)).isEqualTo(1);
	}

}
