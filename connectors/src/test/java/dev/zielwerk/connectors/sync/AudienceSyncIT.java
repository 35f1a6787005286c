package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.fake.MailchimpFake;
import dev.zielwerk.connectors.destination.fake.Quirk;
import dev.zielwerk.connectors.destination.fake.WebhookFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
class AudienceSyncIT {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us19";

	private static final AudienceFixture fixture = new AudienceFixture();

	private static final Set<ConsentPurpose> EMAIL = EnumSet.of(ConsentPurpose.EMAIL_MARKETING);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SyncTestProperties.register(registry, AudienceSyncIT.class, fixture, false);
	}

	@AfterAll
	static void stopFixture() {
		fixture.close();
	}

	@Autowired
	DestinationRegistry destinations;

	@Autowired
	AudienceSyncs syncs;

	@Autowired
	RunStore runs;

	@Autowired
	RunEngine engine;

	@Autowired
	SyncProperties properties;

	@Autowired
	DatabaseClient database;

	@Autowired
	SyncScheduler scheduler;

	private final List<MailchimpFake> fakes = new ArrayList<>();

	@AfterEach
	void closeFakes() {
		// runs a test leaves behind must not be claimed by the workers of the next one
		this.database.sql("UPDATE audience_syncs SET enabled = false").fetch().rowsUpdated().block();
		this.fakes.forEach(MailchimpFake::close);
	}

	@Test
	void fullRunAddsOnlyMembersWhoseConsentCoversEmailMarketing() {
		String segment = segment();
		fixture.put(segment, person(segment, 1, EMAIL));
		fixture.put(segment,
				person(segment, 2, EnumSet.of(ConsentPurpose.EMAIL_MARKETING, ConsentPurpose.ADVERTISING)));
		fixture.put(segment, person(segment, 3, EnumSet.of(ConsentPurpose.ADVERTISING)));
		fixture.put(segment, person(segment, 4, Set.of()));
		MailchimpFake fake = mailchimp();
		UUID sync = sync(segment, fake, SyncMode.UPSERT);

		Run run = runToEnd(sync);

		assertThat(run.status()).isEqualTo("SUCCEEDED");
		assertThat(run.counts()).isEqualTo(new RunCounts(2, 2, 2, 0, 0));
		assertThat(fake.segment()).containsExactlyInAnyOrder(email(segment, 1), email(segment, 2));
		assertThat(records(run.id())).containsExactlyInAnyOrder(key(segment, 1) + " ADD ACCEPTED",
				key(segment, 2) + " ADD ACCEPTED");
	}

	@Test
	void secondRunSendsNothingNewAndRemovesAMemberWhoWithdrewConsent() {
		String segment = segment();
		IntStream.rangeClosed(1, 3).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		MailchimpFake fake = mailchimp();
		UUID sync = sync(segment, fake, SyncMode.UPSERT);
		runToEnd(sync);
		int requestsAfterFirstRun = fake.requestCount();

		fixture.put(segment, person(segment, 2, EnumSet.of(ConsentPurpose.ANALYTICS)));
		Run second = runToEnd(sync);

		assertThat(second.counts()).isEqualTo(new RunCounts(2, 1, 0, 1, 0));
		assertThat(fake.segment()).containsExactlyInAnyOrder(email(segment, 1), email(segment, 3));
		assertThat(records(second.id())).containsExactly(key(segment, 2) + " REMOVE ACCEPTED");
		// one segment removal call, no re-adds
		assertThat(fake.requestCount()).isEqualTo(requestsAfterFirstRun + 1);
	}

	@Test
	void mirrorRemovesMembersWhoLeftTheSegmentWhileAddOnlyKeepsThem() {
		String segment = segment();
		IntStream.rangeClosed(1, 7).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		MailchimpFake mirrored = mailchimp();
		MailchimpFake appended = mailchimp();
		UUID mirror = sync(segment, mirrored, SyncMode.MIRROR);
		UUID addOnly = sync(segment, appended, SyncMode.ADD_ONLY);
		runToEnd(mirror);
		runToEnd(addOnly);

		fixture.remove(segment, key(segment, 2));
		fixture.remove(segment, key(segment, 6));
		fixture.put(segment, person(segment, 8, EMAIL));
		fixture.put(segment, person(segment, 3, Set.of()));
		Run mirrorRun = runToEnd(mirror);
		Run addOnlyRun = runToEnd(addOnly);

		assertThat(mirrored.segment()).containsExactlyInAnyOrder(email(segment, 1), email(segment, 4),
				email(segment, 5), email(segment, 7), email(segment, 8));
		assertThat(mirrorRun.counts()).isEqualTo(new RunCounts(5, 1, 1, 3, 0));
		// add-only keeps who left the segment, but consent withdrawal is still a removal
		assertThat(appended.segment()).containsExactlyInAnyOrder(email(segment, 1), email(segment, 2),
				email(segment, 4), email(segment, 5), email(segment, 6), email(segment, 7), email(segment, 8));
		assertThat(addOnlyRun.counts()).isEqualTo(new RunCounts(5, 1, 1, 1, 0));
	}

	@Test
	void workerKilledThreeTimesMidRunIsResumedFromItsCheckpointWithoutDuplicateSends() {
		String segment = segment();
		IntStream.rangeClosed(1, 23).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		MailchimpFake fake = mailchimp();
		UUID sync = sync(segment, fake, SyncMode.MIRROR);
		UUID runId = this.syncs.trigger(sync).block();

		for (String name : List.of("doomed-1", "doomed-2", "doomed-3")) {
			SyncWorker doomed = worker(name);
			ClaimedRun claimed = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.runs.claim(doomed.owner()).blockOptional(), java.util.Optional::isPresent)
				.orElseThrow();
			assertThat(claimed.id()).isEqualTo(runId);
			// the worker dies right after committing one page: its lease is left to
			// expire
			assertThat(doomed.execute(claimed).take(1).collectList().block()).hasSize(1);
		}
		assertThat(fake.segment()).hasSize(15);

		SyncWorker survivor = worker("survivor");
		await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(survivor.runOnce().block()));

		Run run = run(runId);
		assertThat(run.status()).isEqualTo("SUCCEEDED");
		assertThat(run.attempts()).isEqualTo(4);
		assertThat(run.counts().added()).isEqualTo(23);
		// exactly the audience at the destination
		assertThat(fake.segment()).containsExactlyInAnyOrderElementsOf(
				IntStream.rangeClosed(1, 23).mapToObj((i) -> email(segment, i)).toList());
		// 5 pages of at most 5: one batch subscribe and one segment call each, none
		// repeated
		assertThat(fake.requestCount()).isEqualTo(10);
		assertThat(records(runId)).hasSize(23).doesNotHaveDuplicates();
	}

	@Test
	void twoWorkersNeverRunTheSameRun() {
		String segment = segment();
		IntStream.rangeClosed(1, 12).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		List<MailchimpFake> targets = List.of(mailchimp(), mailchimp(), mailchimp(), mailchimp());
		List<UUID> runIds = targets.stream()
			.map((fake) -> this.syncs.trigger(sync(segment, fake, SyncMode.UPSERT)).block())
			.toList();
		SyncWorker first = worker("first");
		SyncWorker second = worker("second");

		List<Boolean> claims = Flux.merge(first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce())
			.collectList()
			.block();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Boolean.FALSE.equals(first.runOnce().block())
					&& Boolean.FALSE.equals(second.runOnce().block()));

		assertThat(claims).hasSize(4);
		for (int i = 0; i < runIds.size(); i++) {
			Run run = run(runIds.get(i));
			assertThat(run.status()).isEqualTo("SUCCEEDED");
			assertThat(run.attempts()).isEqualTo(1);
			assertThat(targets.get(i).segment()).hasSize(12);
			// 3 pages, two calls each: nothing sent by both workers
			assertThat(targets.get(i).requestCount()).isEqualTo(6);
		}
	}

	@Test
	void onlyOneOfTwoConcurrentClaimsGetsAWaitingRun() {
		String segment = segment();
		fixture.put(segment, person(segment, 1, EMAIL));
		UUID runId = this.syncs.trigger(sync(segment, mailchimp(), SyncMode.UPSERT)).block();

		List<ClaimedRun> claimed = Flux.merge(this.runs.claim("a"), this.runs.claim("b"), this.runs.claim("c"))
			.collectList()
			.block();

		assertThat(claimed).singleElement().satisfies((run) -> assertThat(run.id()).isEqualTo(runId));
	}

	@Test
	void aRejectedRecordMakesTheRunPartialAndIsRecordedWithItsReason() {
		String segment = segment();
		fixture.put(segment, person(segment, 1, EMAIL));
		fixture.put(segment, new AudienceFixture.Person(key(segment, 2), "not-an-email@nowhere", EMAIL));
		MailchimpFake fake = mailchimp();

		Run run = runToEnd(sync(segment, fake, SyncMode.UPSERT));

		assertThat(run.status()).isEqualTo("PARTIAL");
		assertThat(run.counts()).isEqualTo(new RunCounts(2, 0, 1, 0, 1));
		assertThat(fake.segment()).containsExactly(email(segment, 1));
		List<String> rejected = this.database
			.sql("SELECT member_key || ' ' || code || ' ' || reason AS r FROM run_records"
					+ " WHERE run_id = :run AND outcome = 'REJECTED'")
			.bind("run", run.id())
			.map((row) -> row.get("r", String.class))
			.all()
			.collectList()
			.block();
		assertThat(rejected).singleElement()
			.satisfies((line) -> assertThat(line).startsWith(key(segment, 2) + " ERROR_GENERIC")
				.contains("looks fake or invalid")
				.doesNotContain("not-an-email"));
	}

	@Test
	void aFailingDestinationDoesNotStallAnotherSyncsRun() {
		String segment = segment();
		IntStream.rangeClosed(1, 3).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		UUID broken = this.destinations
			.create(DestinationType.MAILCHIMP, "unreachable", ConsentPurpose.EMAIL_MARKETING,
					Map.of("listId", "list1", "segmentId", "seg7", "baseUrl", "http://127.0.0.1:9/3.0"),
					Map.of("apiKey", Secret.of(KEY)))
			.block();
		UUID brokenRun = this.syncs
			.trigger(this.syncs.create(segment, "key", broken, SyncMode.UPSERT, "0 0 3 * * *").block())
			.block();
		MailchimpFake healthy = mailchimp();
		UUID healthyRun = this.syncs.trigger(sync(segment, healthy, SyncMode.UPSERT)).block();
		SyncWorker worker = worker("busy");
		Flux.merge(worker.runOnce(), worker.runOnce()).subscribe();

		await().atMost(Duration.ofSeconds(5)).until(() -> "SUCCEEDED".equals(run(healthyRun).status()));
		assertThat(healthy.segment()).hasSize(3);
		assertThat(run(brokenRun).status()).isEqualTo("RUNNING");

		await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
			Run failed = run(brokenRun);
			assertThat(failed.error()).isNotNull();
			assertThat(failed.counts().added()).isZero();
		});
	}

	@Test
	void aCronSyncIsQueuedOnceWhenDue() {
		String segment = segment();
		fixture.put(segment, person(segment, 1, EMAIL));
		UUID sync = sync(segment, mailchimp(), SyncMode.UPSERT, "* * * * * *");

		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.enqueueDue().block() > 0);
		this.scheduler.enqueueDue().block();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.scheduler.enqueueDue().block() > 0);

		assertThat(this.database
			.sql("SELECT count(*) AS n FROM sync_runs WHERE sync_id = :sync AND status = 'QUEUED' AND full_audience")
			.bind("sync", sync)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(1);
		assertThat(this.database
			.sql("SELECT next_run_at > now() - interval '1 second' AS moved FROM audience_syncs" + " WHERE id = :sync")
			.bind("sync", sync)
			.map((row) -> row.get("moved", Boolean.class))
			.one()
			.block()).isTrue();
	}

	@Test
	void aWorkerThatLostItsLeaseCannotCommitAndTheNewHolderFinishesTheRun() {
		String segment = segment();
		IntStream.rangeClosed(1, 3).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		MailchimpFake fake = mailchimp();
		UUID runId = this.syncs.trigger(sync(segment, fake, SyncMode.UPSERT)).block();
		ClaimedRun stale = this.runs.claim("stale").block();
		ClaimedRun taken = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.runs.claim("usurper").blockOptional(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(taken.id()).isEqualTo(stale.id()).isEqualTo(runId);

		StepVerifier.create(worker("stale").execute(stale))
			.expectError(LeaseLostException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(records(runId)).isEmpty();

		assertThat(worker("usurper").execute(taken).blockLast()).satisfies((last) -> {
			assertThat(last.status()).isEqualTo(RunStatus.SUCCEEDED);
		});
		assertThat(run(runId).counts().added()).isEqualTo(3);
		assertThat(records(runId)).hasSize(3);
	}

	@Test
	void aStormOf429sWithAndWithoutRetryAfterDelaysTheRunButLosesAndDuplicatesNothing() {
		String segment = segment();
		IntStream.rangeClosed(1, 7).forEach((i) -> fixture.put(segment, person(segment, i, EMAIL)));
		MailchimpFake fake = mailchimp();
		UUID sync = sync(segment, fake, SyncMode.MIRROR);
		// three 429s in a row on the first call, two honouring Retry-After: 1
		fake.enqueue(Quirk.respond(429, Map.of("Retry-After", "1"), "application/problem+json", "{}"),
				Quirk.respond(429, "application/problem+json", "{}"),
				Quirk.respond(429, Map.of("Retry-After", "1"), "application/problem+json", "{}"));

		Run run = runToEnd(sync);

		assertThat(run.status()).isEqualTo("SUCCEEDED");
		assertThat(run.counts()).isEqualTo(new RunCounts(7, 0, 7, 0, 0));
		assertThat(fake.segment()).hasSize(7);
		assertThat(records(run.id())).hasSize(7).doesNotHaveDuplicates();
		// 3 refused attempts, then 2 pages of 2 calls
		assertThat(fake.requestCount()).isEqualTo(7);
		List<java.time.Instant> arrivals = fake.arrivals();
		assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
		assertThat(Duration.between(arrivals.get(2), arrivals.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(990));
	}

	@Test
	void aBatchRefusedForOneBadRecordIsSplitSoOnlyThatRecordIsRejected() {
		String segment = segment();
		Set<ConsentPurpose> personalization = EnumSet.of(ConsentPurpose.PERSONALIZATION);
		IntStream.rangeClosed(1, 5).forEach((i) -> fixture.put(segment, person(segment, i, personalization)));
		String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
		try (WebhookFake hook = new WebhookFake(Secret.of(secret))) {
			hook.rejectKey(key(segment, 4));
			UUID destination = this.destinations
				.create(DestinationType.WEBHOOK, "hook", ConsentPurpose.PERSONALIZATION,
						Map.of("url", hook.url() + "/in", "audienceKey", "vip"), Map.of("secret", Secret.of(secret)))
				.block();
			UUID sync = this.syncs.create(segment, "vip", destination, SyncMode.UPSERT, "0 0 3 * * *").block();

			Run run = runToEnd(sync);

			assertThat(run.status()).isEqualTo("PARTIAL");
			assertThat(run.counts()).isEqualTo(new RunCounts(5, 0, 4, 0, 1));
			assertThat(hook.audience("vip")).containsExactlyInAnyOrder(key(segment, 1), key(segment, 2),
					key(segment, 3), key(segment, 5));
			assertThat(records(run.id())).containsExactlyInAnyOrder(key(segment, 1) + " ADD ACCEPTED",
					key(segment, 2) + " ADD ACCEPTED", key(segment, 3) + " ADD ACCEPTED",
					key(segment, 4) + " ADD REJECTED", key(segment, 5) + " ADD ACCEPTED");
		}
	}

	private SyncWorker worker(String name) {
		return new SyncWorker(name, this.runs, this.engine, this.properties);
	}

	private Run runToEnd(UUID sync) {
		UUID runId = this.syncs.trigger(sync).block();
		SyncWorker worker = worker("solo");
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			worker.runOnce().block();
			return !"QUEUED".equals(run(runId).status()) && !"RUNNING".equals(run(runId).status());
		});
		return run(runId);
	}

	private Run run(UUID runId) {
		return this.database
			.sql("SELECT status, attempts, eligible, skipped_no_consent, added, removed, rejected, error"
					+ " FROM sync_runs WHERE id = :id")
			.bind("id", runId)
			.map((row) -> new Run(runId, row.get("status", String.class), row.get("attempts", Integer.class),
					new RunCounts(row.get("eligible", Long.class), row.get("skipped_no_consent", Long.class),
							row.get("added", Long.class), row.get("removed", Long.class),
							row.get("rejected", Long.class)),
					row.get("error", String.class)))
			.one()
			.block();
	}

	private List<String> records(UUID runId) {
		return this.database
			.sql("SELECT member_key || ' ' || action || ' ' || outcome AS r FROM run_records WHERE run_id = :run")
			.bind("run", runId)
			.map((row) -> row.get("r", String.class))
			.all()
			.collectList()
			.block();
	}

	private MailchimpFake mailchimp() {
		MailchimpFake fake = new MailchimpFake(KEY, "list1", "seg7");
		this.fakes.add(fake);
		return fake;
	}

	private UUID sync(String segment, MailchimpFake fake, SyncMode mode) {
		return sync(segment, fake, mode, "0 0 3 * * *");
	}

	private UUID sync(String segment, MailchimpFake fake, SyncMode mode, String schedule) {
		UUID destination = this.destinations
			.create(DestinationType.MAILCHIMP, "newsletter", ConsentPurpose.EMAIL_MARKETING,
					Map.of("listId", "list1", "segmentId", "seg7", "baseUrl", fake.apiUrl()),
					Map.of("apiKey", Secret.of(KEY)))
			.block();
		return this.syncs.create(segment, "key-" + segment, destination, mode, schedule).block();
	}

	private static String segment() {
		return "seg-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String key(String segment, int i) {
		return segment + "-p" + String.format("%02d", i);
	}

	private static String email(String segment, int i) {
		return "p" + i + "." + segment + "@example.com";
	}

	private static AudienceFixture.Person person(String segment, int i, Set<ConsentPurpose> consented) {
		return new AudienceFixture.Person(key(segment, i), email(segment, i), consented);
	}

	private record Run(UUID id, String status, int attempts, RunCounts counts,
			@org.jspecify.annotations.Nullable String error) {

	}

}
