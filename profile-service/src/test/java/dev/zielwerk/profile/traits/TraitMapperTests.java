package dev.zielwerk.profile.traits;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TraitMapperTests {

	@Test
	void reservedIdentifyTraitsGoToTheirGroups() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper.fromIdentify(Map.of("firstName", "Ada", "age", 36,
				"gender", "f", "interests", java.util.List.of("math"), "favouriteColour", "green"));
		assertThat(groups.get(TraitGroup.DEMOGRAPHIC)).containsOnly(entry("firstName", "Ada"), entry("age", 36),
				entry("gender", "f"));
		assertThat(groups.get(TraitGroup.PSYCHOGRAPHIC)).containsOnlyKeys("interests");
		assertThat(groups.get(TraitGroup.CUSTOM)).containsOnly(entry("favouriteColour", "green"));
	}

	@Test
	void addressFieldsBecomeGeoTraits() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper.fromIdentify(Map.of("address", Map.of("city",
				"Berlin", "country", "DE", "postalCode", "10115", "state", "BE", "street", "Unter den Linden 1")));
		assertThat(groups.get(TraitGroup.GEO)).containsOnly(entry("city", "Berlin"), entry("country", "DE"),
				entry("postalCode", "10115"), entry("state", "BE"), entry("street", "Unter den Linden 1"));
	}

	@Test
	void companyTraitsAreFirmographicWithEmployeeCountNormalized() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper.fromIdentify(
				Map.of("company", Map.of("name", "ACME", "industry", "Retail", "employee_count", 50, "plan", "pro")));
		assertThat(groups.get(TraitGroup.FIRMOGRAPHIC)).containsOnly(entry("name", "ACME"), entry("industry", "Retail"),
				entry("employees", 50), entry("plan", "pro"));
	}

	@Test
	void emailAndPhoneAreIdentifiersNotTraits() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper
			.fromIdentify(Map.of("email", "a@b.org", "phone", "+4930123", "name", "A"));
		assertThat(groups).containsOnlyKeys(TraitGroup.DEMOGRAPHIC);
	}

	@Test
	void aKeyNamedLikeAGroupWithAnObjectFillsThatGroup() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper
			.fromIdentify(Map.of("geo", Map.of("country", "AT"), "firmographic", Map.of("revenue", 10), "custom", "x"));
		assertThat(groups.get(TraitGroup.GEO)).containsOnly(entry("country", "AT"));
		assertThat(groups.get(TraitGroup.FIRMOGRAPHIC)).containsOnly(entry("revenue", 10));
		assertThat(groups.get(TraitGroup.CUSTOM)).containsOnly(entry("custom", "x"));
	}

	@Test
	void groupTraitsDescribeTheCompany() {
		Map<TraitGroup, Map<String, Object>> groups = TraitMapper
			.fromGroup(Map.of("name", "ACME", "industry", "Retail", "employees", 200, "revenue", 1_000_000, "plan",
					"enterprise", "email", "info@acme.org", "founded", 1999));
		assertThat(groups.get(TraitGroup.FIRMOGRAPHIC)).containsOnlyKeys("name", "industry", "employees", "revenue",
				"plan");
		assertThat(groups.get(TraitGroup.CUSTOM)).containsOnly(entry("founded", 1999));
	}

	@Test
	void technographicTraitsComeFromUserAgentDeviceAndOs() {
		Map<String, Object> traits = Technographics.fromContext(Map.of("userAgent",
				"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
				"device", Map.of("manufacturer", "Apple", "model", "MacBookPro18,1")));
		assertThat(traits).containsEntry("browser", "Safari")
			.containsEntry("browserVersion", "17.1")
			.containsEntry("os", "macOS")
			.containsEntry("osVersion", "10.15.7")
			.containsEntry("deviceType", "desktop")
			.containsEntry("deviceManufacturer", "Apple")
			.containsEntry("deviceModel", "MacBookPro18,1");
		assertThat(Technographics
			.fromContext(Map.of("os", Map.of("name", "iOS", "version", "17.2"), "device", Map.of("type", "ios"))))
			.containsOnly(entry("os", "iOS"), entry("osVersion", "17.2"), entry("deviceType", "ios"));
	}

}
