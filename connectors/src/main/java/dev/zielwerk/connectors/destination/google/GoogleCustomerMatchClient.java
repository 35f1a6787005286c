package dev.zielwerk.connectors.destination.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.Batches;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.DestinationResilience;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.RecordOutcome;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customer Match through an {@code OfflineUserDataJob} per call: create, add operations
 * (partial failure on, at most {@value #MEMBERS_PER_REQUEST} members, so under Google's
 * recommended 10,000 identifiers, per request), run, then poll the job through
 * {@code googleAds:search} until it succeeds, fails or {@code maxPollWait} passes.
 * <p>
 * Adds and removes never share a job ({@code CONFLICTING_OPERATION}). Add jobs carry the
 * job-level consent {@code adUserData}/{@code adPersonalization} GRANTED, which callers
 * guarantee by passing only members with ADVERTISING consent; remove jobs carry none, as
 * removal needs no consent.
 */
public final class GoogleCustomerMatchClient implements DestinationClient {

	static final int MEMBERS_PER_REQUEST = 2_500;

	private final GoogleAdsSettings settings;

	private final DestinationHttp http;

	public GoogleCustomerMatchClient(GoogleAdsSettings settings, ResilienceSettings resilience) {
		this.settings = settings;
		this.http = DestinationHttp.of(settings.baseUrl() + "/" + settings.apiVersion(),
				DestinationResilience.of("google-ads", resilience), new GoogleAdsErrors());
	}

	@Override
	public DestinationType type() {
		return DestinationType.GOOGLE_CUSTOMER_MATCH;
	}

	@Override
	public ConsentPurpose purpose() {
		return ConsentPurpose.ADVERTISING;
	}

	@Override
	public int maxBatchSize() {
		return 20 * MEMBERS_PER_REQUEST;
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return job("create", members);
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return job("remove", members);
	}

	/** Customer Match offers removal only: a remove job is the erasure. */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return remove(members);
	}

	/** Looks the user list up with GAQL; an empty result means it is gone or not ours. */
	@Override
	public Mono<Void> verifyAccess() {
		String query = "SELECT user_list.resource_name, user_list.name FROM user_list"
				+ " WHERE user_list.resource_name = '" + this.settings.userList() + "'";
		return post("/customers/" + this.settings.customerId() + "/googleAds:search", Map.of("query", query)).flatMap(
				answer -> answer.path("results").isEmpty() ? Mono.error(new DestinationRefusedException("google-ads",
						200, "USER_LIST_NOT_FOUND", "user list " + this.settings.userList() + " not found"))
						: Mono.<Void>empty());
	}

	public DestinationResilience resilience() {
		return this.http.resilience();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<BatchResult> job(String kind, List<AudienceMember> members) {
		List<AudienceMember> matchable = members.stream()
			.filter(m -> !UserDataOperations.identifiers(m).isEmpty())
			.toList();
		BatchResult unmatchable = BatchResult.allRejected(
				members.stream().filter(m -> UserDataOperations.identifiers(m).isEmpty()).toList(), "NO_IDENTIFIER",
				"member has no e-mail, phone or complete address", false);
		if (matchable.isEmpty()) {
			return Mono.just(unmatchable);
		}
		return createJob(
				"create".equals(kind))
			.flatMap(job -> Flux.fromIterable(Batches.partition(matchable, MEMBERS_PER_REQUEST))
				.concatMap(chunk -> Batches.bisecting(chunk, part -> addOperations(job, kind, part)))
				.reduce(BatchResult.empty(), BatchResult::plus)
				.flatMap(sent -> sent.accepted().isEmpty() ? Mono.just(sent)
						: run(job).then(poll(job, Instant.now().plus(this.settings.maxPollWait())))
							.map(status -> finish(job, sent, status))))
			.map(unmatchable::plus);
	}

	private Mono<String> createJob(boolean withConsent) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("userList", this.settings.userList());
		if (withConsent) {
			metadata.put("consent", Map.of("adUserData", "GRANTED", "adPersonalization", "GRANTED"));
		}
		Map<String, Object> body = Map.of("job",
				Map.of("type", "CUSTOMER_MATCH_USER_LIST", "customerMatchUserListMetadata", metadata));
		return post("/customers/" + this.settings.customerId() + "/offlineUserDataJobs:create", body)
			.map(answer -> answer.path("resourceName").asString(""));
	}

	private Mono<BatchResult> addOperations(String job, String kind, List<AudienceMember> part) {
		List<Map<String, Object>> operations = part.stream()
			.map(member -> UserDataOperations.operation(kind, member))
			.toList();
		return post("/" + job + ":addOperations", Map.of("operations", operations, "enablePartialFailure", true))
			.map(answer -> partialFailures(part, answer.path("partialFailureError")));
	}

	/** Maps {@code operations[i]} locations of a partial failure back to members. */
	private static BatchResult partialFailures(List<AudienceMember> part, JsonNode partialFailure) {
		Map<Integer, RecordOutcome.Rejected> byIndex = new HashMap<>();
		for (JsonNode detail : partialFailure.path("details").values()) {
			for (JsonNode error : detail.path("errors").values()) {
				JsonNode path = error.path("location").path("fieldPathElements").path(0);
				if (!"operations".equals(path.path("fieldName").asString("")) || !path.has("index")) {
					continue;
				}
				int index = path.path("index").asInt();
				String code = error.path("errorCode").values().stream().findFirst().map(v -> v.asString("")).orElse("");
				if (index >= 0 && index < part.size()) {
					byIndex.putIfAbsent(index, new RecordOutcome.Rejected(part.get(index).key(), code,
							error.path("message").asString(""), false));
				}
			}
		}
		List<RecordOutcome> outcomes = new ArrayList<>(part.size());
		for (int i = 0; i < part.size(); i++) {
			RecordOutcome.Rejected rejected = byIndex.get(i);
			outcomes.add((rejected != null) ? rejected : RecordOutcome.Accepted.of(part.get(i).key()));
		}
		return BatchResult.of(outcomes);
	}

	private Mono<JsonNode> run(String job) {
		return post("/" + job + ":run", Map.of());
	}

	private Mono<JsonNode> poll(String job, Instant deadline) {
		String query = "SELECT offline_user_data_job.resource_name, offline_user_data_job.status,"
				+ " offline_user_data_job.failure_reason, offline_user_data_job.operation_metadata.match_rate_range"
				+ " FROM offline_user_data_job WHERE offline_user_data_job.resource_name = '" + job + "'";
		return post("/customers/" + this.settings.customerId() + "/googleAds:search", Map.of("query", query))
			.map(answer -> answer.path("results").path(0).path("offlineUserDataJob"))
			.flatMap(status -> {
				String state = status.path("status").asString("");
				if ("SUCCESS".equals(state) || "FAILED".equals(state) || Instant.now().isAfter(deadline)) {
					return Mono.just(status);
				}
				return Mono.delay(this.settings.pollInterval()).then(poll(job, deadline));
			});
	}

	private static BatchResult finish(String job, BatchResult sent, JsonNode status) {
		String state = status.path("status").asString("");
		String matchRate = status.path("operationMetadata").path("matchRateRange").asString("");
		if ("SUCCESS".equals(state)) {
			return new BatchResult(sent.outcomes(), matchRate.isEmpty() ? null : matchRate);
		}
		List<RecordOutcome> outcomes = sent.outcomes().stream().map(outcome -> switch (outcome) {
			case RecordOutcome.Accepted accepted when "FAILED".equals(state) ->
				(RecordOutcome) new RecordOutcome.Rejected(accepted.key(),
						status.path("failureReason").asString("FAILED"), "Customer Match job failed", true);
			case RecordOutcome.Accepted accepted ->
				new RecordOutcome.Accepted(accepted.key(), "job " + state + " " + job);
			case RecordOutcome.Rejected rejected -> rejected;
		}).toList();
		return BatchResult.of(outcomes);
	}

	private Mono<JsonNode> post(String path, Object body) {
		return this.http.exchange(
				client -> headers(client.post().uri(path)).contentType(MediaType.APPLICATION_JSON).bodyValue(body));
	}

	private WebClient.RequestBodySpec headers(WebClient.RequestBodySpec spec) {
		return spec.headers(h -> {
			h.setBearerAuth(this.settings.accessToken().reveal());
			h.set("developer-token", this.settings.developerToken().reveal());
			if (this.settings.loginCustomerId() != null) {
				h.set("login-customer-id", this.settings.loginCustomerId());
			}
		});
	}

}
