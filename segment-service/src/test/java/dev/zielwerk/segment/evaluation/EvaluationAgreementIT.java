package dev.zielwerk.segment.evaluation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.RulePrinter;
import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The SQL compiled from a rule selects exactly the profiles the in-memory evaluator
 * finds, on real PostgreSQL: for the hand-computed examples, and for hundreds of random
 * rules over random histories at random and boundary instants. A failure prints the rule,
 * the instant, the query and every profile on which the two disagree.
 */
class EvaluationAgreementIT {

	private static final int HISTORIES = 5;

	private static final int RULES_PER_HISTORY = 240;

	private static final int PROFILES = 50;

	private static final int INSTANTS = 8;

	private static Connection connection;

	private static SegmentTables tables;

	@BeforeAll
	static void migrate() throws SQLException {
		TestDatabase database = TestInfrastructure.get().newDatabase(EvaluationAgreementIT.class.getSimpleName());
		Flyway.configure()
			.dataSource(database.jdbcUrl(), database.user(), database.password())
			.schemas("segment")
			.defaultSchema("segment")
			.locations("classpath:db/migration/segment")
			.load()
			.migrate();
		connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
		// the answers must not depend on the session's time zone
		try (var statement = connection.createStatement()) {
			statement.execute("set timezone = 'America/St_Johns'");
		}
		tables = new SegmentTables(connection);
	}

	@AfterAll
	static void close() throws SQLException {
		connection.close();
	}

	@Test
	void sqlGivesTheHandComputedAnswerForEveryConditionKind() throws SQLException {
		tables.replaceAll(List.of(EvaluationExamples.RICH, EvaluationExamples.EMPTY));
		List<String> wrong = new ArrayList<>();
		EvaluationExamples.all().forEach((example) -> {
			CompiledQuery query = SqlCompiler.compile(example.ast());
			try {
				boolean member = tables.members(query, EvaluationExamples.NOW).contains(example.profile().profileId());
				if (member != example.member()) {
					wrong.add(example + "\n" + query);
				}
			}
			catch (SQLException ex) {
				wrong.add(example + ": " + ex.getMessage() + "\n" + query);
			}
		});
		assertThat(wrong).isEmpty();
	}

	@Test
	void sqlAndMemoryAgreeForRandomRulesHistoriesAndInstants() throws SQLException {
		int queries = 0;
		int members = 0;
		for (int history = 0; history < HISTORIES; history++) {
			Random random = new Random(history);
			RandomProfiles histories = new RandomProfiles(random);
			List<ProfileState> profiles = histories.profiles(PROFILES);
			tables.replaceAll(profiles);
			for (int r = 0; r < RULES_PER_HISTORY; r++) {
				long seed = history * 1_000_000L + r;
				Random ruleRandom = new Random(seed);
				Condition rule = new RandomRules(ruleRandom).valid(3);
				CompiledQuery query = SqlCompiler.compile(rule);
				for (Instant now : instants(rule, profiles, ruleRandom, histories)) {
					Set<UUID> inSql = run(query, now, seed, rule);
					Set<UUID> inMemory = profiles.stream()
						.filter((profile) -> Evaluator.evaluate(rule, profile, now).member())
						.map(ProfileState::profileId)
						.collect(Collectors.toSet());
					if (!inSql.equals(inMemory)) {
						fail(disagreement(seed, rule, now, query, profiles, inSql, inMemory));
					}
					queries++;
					members += inSql.size();
				}
			}
		}
		assertThat(queries).isEqualTo(HISTORIES * RULES_PER_HISTORY * INSTANTS);
		// not vacuous: a fair share of the answers are "member"
		assertThat(members).isGreaterThan(queries * PROFILES / 20);
	}

	@Test
	void oneQueryForManyRulesGivesEachRuleItsOwnMembers() throws SQLException {
		Random random = new Random(42);
		RandomProfiles histories = new RandomProfiles(random);
		List<ProfileState> profiles = histories.profiles(PROFILES);
		tables.replaceAll(profiles);
		for (int round = 0; round < 10; round++) {
			List<Condition> rules = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				rules.add(new RandomRules(random).valid(3));
			}
			CompiledQuery query = SqlCompiler.compileAll(rules);
			Instant now = histories.instant();
			Map<UUID, List<Boolean>> rows = tables.memberColumns(query, now, rules.size());
			for (ProfileState profile : profiles) {
				List<Boolean> inMemory = rules.stream()
					.map((rule) -> Evaluator.evaluate(rule, profile, now).member())
					.toList();
				List<Boolean> inSql = rows.getOrDefault(profile.profileId(), Collections.nCopies(rules.size(), false));
				assertThat(inSql)
					.as("round %d at %s for %s%n%s", round, now, profile,
							rules.stream().map(RulePrinter::print).collect(Collectors.joining("\n")))
					.isEqualTo(inMemory);
			}
		}
	}

	/**
	 * The batch query gives each rule's membership and the next change the in-memory
	 * evaluator gives (rounded up to the microsecond, as the schedule stores it), at
	 * random instants and on and around window edges, nanoseconds included.
	 */
	@Test
	void oneBatchQueryGivesEachRuleItsMembersAndNextChange() throws SQLException {
		Random random = new Random(43);
		RandomProfiles histories = new RandomProfiles(random);
		List<ProfileState> profiles = histories.profiles(PROFILES);
		tables.replaceAll(profiles);
		for (int round = 0; round < 24; round++) {
			List<Condition> rules = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				rules.add(new RandomRules(random).valid(3));
			}
			CompiledQuery query = SqlCompiler.compileBatch(rules);
			for (Instant now : instants(rules.get(round % rules.size()), profiles, random, histories)) {
				var rows = tables.batchColumns(query, now, rules.size());
				for (ProfileState profile : profiles) {
					var inSql = rows.getOrDefault(profile.profileId(),
							Collections.nCopies(rules.size(), Map.entry(false, java.util.Optional.empty())));
					var inMemory = rules.stream().map((rule) -> {
						Evaluation evaluation = Evaluator.evaluate(rule, profile, now);
						return Map.entry(evaluation.member(),
								java.util.Optional.ofNullable(evaluation.nextChangeAt()).map(IsoInstants::ceilMicros));
					}).toList();
					assertThat(inSql)
						.as("round %d at %s for %s%n%s", round, now, profile,
								rules.stream().map(RulePrinter::print).collect(Collectors.joining("\n")))
						.isEqualTo(inMemory);
				}
			}
		}
	}

	@Test
	void isoInstantInSqlReadsExactlyTheStringsJavaReads() throws SQLException {
		List<String> texts = new ArrayList<>(List.of("2026-01-31", "2024-02-29", "2023-02-29", "1900-02-29",
				"2000-02-29", "0000-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999-14:59",
				"2026-01-31T12:00Z", "2026-01-31T24:00:00Z", "2026-01-31T12:00:60Z", "2026-01-31t12:00:00z",
				"2026-01-31T12:00:00", "2026-01-31T12:00:00.1234567Z", "2026-01-31T12:00:00+15:00", "2026-04-31",
				"2026-13-01", "2026-01-31T12:00:00.5-03:30", "2026-01-31 12:00:00Z", "x", ""));
		Random random = new Random(7);
		for (int i = 0; i < 500; i++) {
			texts.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), random.nextInt(14),
					random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61),
					random.nextBoolean() ? "." + random.nextInt(1_000_000) : "",
					random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
							random.nextInt(16), random.nextInt(61))));
		}
		try (PreparedStatement statement = connection
			.prepareStatement("select extract(epoch from segment.iso_instant(?))")) {
			for (String text : texts) {
				statement.setString(1, text);
				try (ResultSet row = statement.executeQuery()) {
					row.next();
					Instant java = IsoInstants.parse(text);
					BigDecimal expected = (java != null)
							? BigDecimal.valueOf(java.getEpochSecond()).add(BigDecimal.valueOf(java.getNano(), 9))
							: null;
					BigDecimal actual = row.getBigDecimal(1);
					if (expected == null || actual == null) {
						assertThat(actual).as(text).isEqualTo(expected);
					}
					else {
						assertThat(actual).as(text).isEqualByComparingTo(expected);
					}
				}
			}
		}
	}

	private static Set<UUID> run(CompiledQuery query, Instant now, long seed, Condition rule) {
		try {
			return tables.members(query, now);
		}
		catch (SQLException ex) {
			throw new AssertionError("seed " + seed + ": query failed at " + now + "\nrule: " + RulePrinter.print(rule)
					+ "\n" + query + "\nparameters: " + query.parameters(now), ex);
		}
	}

	/** Random instants, and instants on and around the window edges of the data. */
	private static List<Instant> instants(Condition rule, List<ProfileState> profiles, Random random,
			RandomProfiles histories) {
		List<Duration> durations = RuleDurations.of(rule);
		List<Instant> instants = new ArrayList<>();
		while (instants.size() < INSTANTS) {
			ProfileState profile = profiles.get(random.nextInt(profiles.size()));
			Instant now = switch (instants.size() % 4) {
				case 0 -> histories.instant().plusNanos(random.nextInt(1000));
				case 1, 2 -> {
					if (profile.events().isEmpty() || durations.isEmpty()) {
						yield histories.instant();
					}
					Instant occurredAt = profile.events().get(random.nextInt(profile.events().size())).occurredAt();
					yield occurredAt.plus(durations.get(random.nextInt(durations.size())))
						.plusNanos(List.of(0L, -1L, 1L, -1000L, 500L).get(random.nextInt(5)));
				}
				default -> profile.consents()
					.values()
					.stream()
					.map(ProfileState.Consent::expiresAt)
					.filter((expiry) -> expiry != null)
					.findFirst()
					.orElseGet(histories::instant);
			};
			instants.add(now);
		}
		return instants;
	}

	private static String disagreement(long seed, Condition rule, Instant now, CompiledQuery query,
			List<ProfileState> profiles, Set<UUID> inSql, Set<UUID> inMemory) {
		Set<UUID> differing = new HashSet<>(inSql);
		differing.addAll(inMemory);
		Set<UUID> both = new HashSet<>(inSql);
		both.retainAll(inMemory);
		differing.removeAll(both);
		StringBuilder message = new StringBuilder("seed " + seed + ": SQL and memory disagree\nrule: ")
			.append(RulePrinter.print(rule))
			.append("\nnow: ")
			.append(now)
			.append("\nquery:\n")
			.append(query)
			.append("\nparameters: ")
			.append(query.parameters(now));
		profiles.stream()
			.filter((profile) -> differing.contains(profile.profileId()))
			.forEach((profile) -> message.append("\n\nSQL says ")
				.append(inSql.contains(profile.profileId()))
				.append(", memory says ")
				.append(inMemory.contains(profile.profileId()))
				.append(" for ")
				.append(profile));
		return message.toString();
	}

}
