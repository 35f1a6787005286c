package dev.zielwerk.connectors.destination.hubspot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.BatchRejectedException;
import dev.zielwerk.connectors.destination.Batches;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.DestinationResilience;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.RecordOutcome;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Keeps a HubSpot list's memberships. Lists take record ids, not e-mails: adds upsert the
 * contacts by e-mail ({@code POST /crm/v3/objects/contacts/batch/upsert}, at most 100
 * inputs) and then {@code PUT /crm/v3/lists/{listId}/memberships/add}; removes look the
 * contacts up ({@code batch/read} by e-mail, so no contact is created just to be removed)
 * and {@code PUT …/memberships/remove}. Ids HubSpot reports in {@code recordIdsMissing}
 * become rejections; a contact HubSpot does not know is already removed.
 */
public final class HubSpotListClient implements DestinationClient {

	static final int MAX_INPUTS = 100;

	private final HubSpotSettings settings;

	private final DestinationHttp http;

	public HubSpotListClient(HubSpotSettings settings, ResilienceSettings resilience) {
		this.settings = settings;
		this.http = DestinationHttp.of(settings.baseUrl(), DestinationResilience.of("hubspot", resilience),
				ErrorClassifier.standard("hubspot"));
	}

	/**
	 * HubSpot's Free/Starter burst limit: 100 requests per 10 s per app.
	 * @return the default resilience settings
	 */
	public static ResilienceSettings defaultResilience() {
		return ResilienceSettings.defaults().withRateLimit(100, Duration.ofSeconds(10));
	}

	@Override
	public DestinationType type() {
		return DestinationType.HUBSPOT_LIST;
	}

	@Override
	public ConsentPurpose purpose() {
		return this.settings.purpose();
	}

	@Override
	public int maxBatchSize() {
		return 10 * MAX_INPUTS;
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return withEmail(members, chunk -> Batches.bisecting(chunk,
				part -> contacts("upsert", part).flatMap(ids -> membership("add", part, ids))));
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return withEmail(members, chunk -> Batches.bisecting(chunk,
				part -> contacts("read", part).flatMap(ids -> membership("remove", part, ids))));
	}

	/**
	 * HubSpot's GDPR delete, {@code POST /crm/v3/objects/contacts/gdpr-delete} by e-mail,
	 * per member, at most 5 at a time; a contact HubSpot does not know (404) counts as
	 * erased.
	 */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return withEmail(members, chunk -> Flux.fromIterable(chunk)
			.flatMapSequential(member -> send("POST", "/crm/v3/objects/contacts/gdpr-delete",
					Map.of("idProperty", "email", "objectId", email(member)))
				.thenReturn((RecordOutcome) RecordOutcome.Accepted.of(member.key()))
				.onErrorResume(DestinationRefusedException.class, ex -> (ex.status() == 404)
						? Mono.just(new RecordOutcome.Accepted(member.key(), "unknown contact")) : Mono.error(ex))
				.onErrorResume(BatchRejectedException.class,
						ex -> Mono.just(new RecordOutcome.Rejected(member.key(), ex.code(),
								Batches.withoutIdentifiers(ex.reason(), member), false))),
					5)
			.collectList()
			.map(BatchResult::of));
	}

	/** Only MANUAL and SNAPSHOT lists accept membership calls. */
	@Override
	public Mono<Void> verifyAccess() {
		return this.http
			.exchange(client -> client.get()
				.uri("/crm/v3/lists/{listId}", this.settings.listId())
				.headers(h -> h.setBearerAuth(this.settings.accessToken().reveal())))
			.flatMap(answer -> {
				String type = answer.path("list").path("processingType").asString("");
				return ("MANUAL".equals(type) || "SNAPSHOT".equals(type)) ? Mono.<Void>empty()
						: Mono.error(new DestinationRefusedException("hubspot", 200, "LIST_NOT_MANUAL",
								"list processingType is " + type + "; only MANUAL or SNAPSHOT lists take memberships"));
			});
	}

	public DestinationResilience resilience() {
		return this.http.resilience();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<BatchResult> withEmail(List<AudienceMember> members,
			Function<List<AudienceMember>, Mono<BatchResult>> send) {
		List<AudienceMember> reachable = members.stream().filter(m -> m.email() != null).toList();
		BatchResult noEmail = BatchResult.allRejected(members.stream().filter(m -> m.email() == null).toList(),
				"NO_EMAIL", "member has no e-mail address", false);
		return Batches.inChunks(reachable, MAX_INPUTS, send).map(noEmail::plus);
	}

	/** Record id by normalised e-mail. */
	private Mono<Map<String, String>> contacts(String operation, List<AudienceMember> part) {
		List<String> emails = part.stream().map(HubSpotListClient::email).distinct().toList();
		Object body = "upsert".equals(operation)
				? Map.of("inputs",
						emails.stream()
							.map(e -> Map.of("idProperty", "email", "id", e, "properties", Map.of("email", e)))
							.toList())
				: Map.of("idProperty", "email", "properties", List.of("email"), "inputs",
						emails.stream().map(e -> Map.of("id", e)).toList());
		return send("POST", "/crm/v3/objects/contacts/batch/" + operation, body).map(answer -> {
			Map<String, String> ids = new HashMap<>();
			for (JsonNode result : answer.path("results").values()) {
				ids.put(Identifiers.email(result.path("properties").path("email").asString("")),
						result.path("id").asString(""));
			}
			return ids;
		});
	}

	private Mono<BatchResult> membership(String operation, List<AudienceMember> part, Map<String, String> ids) {
		List<String> recordIds = ids.values().stream().distinct().toList();
		Mono<JsonNode> call = recordIds.isEmpty() ? Mono.just(DestinationHttp.json().createObjectNode())
				: send("PUT", "/crm/v3/lists/" + this.settings.listId() + "/memberships/" + operation, recordIds);
		return call.map(answer -> {
			Set<String> missing = answer.path("recordIdsMissing")
				.values()
				.stream()
				.map(v -> v.asString(""))
				.collect(Collectors.toSet());
			List<RecordOutcome> outcomes = new ArrayList<>(part.size());
			for (AudienceMember member : part) {
				String id = ids.get(email(member));
				if (id == null && "add".equals(operation)) {
					outcomes.add(new RecordOutcome.Rejected(member.key(), "NO_RECORD",
							"HubSpot returned no contact for the upsert", true));
				}
				else if (id != null && missing.contains(id)) {
					outcomes.add(new RecordOutcome.Rejected(member.key(), "RECORD_MISSING",
							"HubSpot reported the record id in recordIdsMissing", false));
				}
				else {
					// a contact HubSpot does not know cannot be in the list: the removal
					// holds
					outcomes.add(RecordOutcome.Accepted.of(member.key()));
				}
			}
			return BatchResult.of(outcomes);
		});
	}

	private Mono<JsonNode> send(String method, String path, Object body) {
		return this.http.exchange(client -> client.method(HttpMethod.valueOf(method))
			.uri(path)
			.headers(h -> h.setBearerAuth(this.settings.accessToken().reveal()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body));
	}

	private static String email(AudienceMember member) {
		return Identifiers.email(String.valueOf(member.email()));
	}

}
