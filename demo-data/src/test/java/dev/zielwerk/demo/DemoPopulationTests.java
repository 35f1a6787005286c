package dev.zielwerk.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoPopulationTests {

	private static final Instant END = Instant.parse("2026-06-30T12:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theSameSeedGivesTheSamePeopleAndMessagesInAnyOrder() {
		DemoPopulation one = new DemoPopulation(new DemoSettings(300, 15_000, 180, 7), END);
		DemoPopulation two = new DemoPopulation(new DemoSettings(300, 15_000, 180, 7), END);
		assertThat(json(one.people().toList())).isEqualTo(json(two.people().toList()));
		// a person does not depend on those generated before them
		assertThat(json(List.of(two.person(123)))).isEqualTo(json(List.of(one.people().toList().get(123))));
	}

	@Test
	void anotherSeedGivesAnotherPopulation() {
		DemoPopulation one = new DemoPopulation(new DemoSettings(100, 5_000, 180, 7), END);
		DemoPopulation other = new DemoPopulation(new DemoSettings(100, 5_000, 180, 8), END);
		assertThat(json(one.people().toList())).isNotEqualTo(json(other.people().toList()));
	}

	@Test
	void scalesTheEventsToTheBudgetWithinTenPercent() {
		DemoPopulation population = new DemoPopulation(new DemoSettings(2_000, 100_000, 180, 42), END);
		long events = population.people().mapToLong(DemoPerson::events).sum();
		assertThat(events).isBetween(90_000L, 110_000L);
	}

	@Test
	void holdsEveryPersonaDachAndOtherCountriesB2bContactsAndWithdrawals() {
		List<DemoPerson> people = new DemoPopulation(new DemoSettings(2_000, 100_000, 180, 42), END).people().toList();
		assertThat(people.stream().map(DemoPerson::persona).collect(Collectors.toSet()))
			.containsAll(Set.of(Persona.values()));
		Map<String, Long> countries = people.stream()
			.collect(Collectors.groupingBy(DemoPerson::country, Collectors.counting()));
		assertThat(countries).containsKeys("DE", "AT", "CH", "NL", "US");
		assertThat(countries.get("DE")).isGreaterThan(countries.get("NL"));
		assertThat(people).anySatisfy((person) -> assertThat(identifyTraits(person)).containsKey("company"));
		assertThat(people.stream().filter(DemoPopulationTests::withdrewEmailConsent).count()).isBetween(40L, 250L);
		assertThat(people).anySatisfy((person) -> assertThat(person.messages().get(0)).containsKey("anonymousId"));
	}

	@Test
	void sendsOnlyMessagesProfileServiceAcceptsInTimeOrderWithinTheHistory() {
		DemoPopulation population = new DemoPopulation(new DemoSettings(500, 25_000, 180, 42), END);
		Instant start = END.minus(Duration.ofDays(181));
		population.people().forEach((person) -> {
			Instant previous = Instant.MIN;
			Set<Object> ids = new java.util.HashSet<>();
			for (Map<String, Object> message : person.messages()) {
				assertThat(message).containsKeys("type", "messageId", "timestamp");
				assertThat(ids.add(message.get("messageId"))).isTrue();
				assertThat(message.containsKey("userId") || message.containsKey("anonymousId")).isTrue();
				Instant at = Instant.parse((String) message.get("timestamp"));
				assertThat(at).isAfterOrEqualTo(previous).isAfter(start).isBefore(END);
				previous = at;
				assertThat(this.json.writeValueAsBytes(message).length).isLessThan(32 * 1024);
			}
		});
	}

	@Test
	void frequentBuyersGoneQuietBoughtMoreThanThreeTimesIn30DaysAndNothingSince8Days() {
		DemoPopulation population = new DemoPopulation(new DemoSettings(1_000, 50_000, 180, 42), END);
		List<DemoPerson> quiet = population.people()
			.filter((person) -> person.persona() == Persona.LAPSING_FREQUENT_BUYER)
			.toList();
		assertThat(quiet).isNotEmpty().allSatisfy((person) -> {
			long recentOrders = person.messages()
				.stream()
				.filter((m) -> "Order Completed".equals(m.get("event")))
				.filter((m) -> Instant.parse((String) m.get("timestamp")).isAfter(END.minus(Duration.ofDays(30))))
				.count();
			assertThat(recentOrders).isGreaterThan(3);
			Instant last = Instant.parse((String) person.messages().get(person.messages().size() - 1).get("timestamp"));
			assertThat(last).isBefore(END.minus(Duration.ofDays(8)));
		});
	}

	@Test
	void readsItsSettingsAndSaysWhatIsWrong() {
		Map<String, String> properties = Map.of("zielwerk.demo.profiles", "1_000", "zielwerk.demo.seed", "9");
		DemoSettings settings = DemoSettings.from(properties::get);
		assertThat(settings).isEqualTo(new DemoSettings(1_000, 500_000, 180, 9));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DemoSettings.from(Map.of("zielwerk.demo.events", "lots")::get))
			.withMessage("zielwerk.demo.events must be a whole number, found \"lots\"");
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoSettings(0, 1, 180, 1))
			.withMessage("zielwerk.demo.profiles must be at least 1, found 0");
	}

	@Test
	void writesEmailAddressesInAscii() {
		assertThat(DemoPopulation.ascii("Jürgen")).isEqualTo("juergen");
		assertThat(DemoPopulation.ascii("Weiß")).isEqualTo("weiss");
		assertThat(DemoPopulation.ascii("Chloé")).isEqualTo("chloe");
		assertThat(DemoPopulation.ascii("de Vries")).isEqualTo("devries");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> identifyTraits(DemoPerson person) {
		return person.messages()
			.stream()
			.filter((m) -> "identify".equals(m.get("type")) && m.containsKey("traits"))
			.map((m) -> (Map<String, Object>) m.get("traits"))
			.findFirst()
			.orElseThrow();
	}

	private static boolean withdrewEmailConsent(DemoPerson person) {
		return person.messages()
			.stream()
			.anyMatch((m) -> "identify".equals(m.get("type")) && !m.containsKey("traits")
					&& String.valueOf(m.get("context")).contains("email=false"));
	}

	private String json(List<DemoPerson> people) {
		return this.json.writeValueAsString(people);
	}

}
