package dev.zielwerk.connectors.destination.mailchimp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

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
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.RecordOutcome;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * Syncs an audience to a Mailchimp list, or to a static segment (tag) of it.
 * <ul>
 * <li>add: batch subscribe ({@code POST /lists/{id}}, {@code update_existing}, at most
 * 500 members a call), then, with a segment, {@code members_to_add};</li>
 * <li>remove: {@code members_to_remove} from the segment, or, without one, batch
 * {@code unsubscribed};</li>
 * <li>Mailchimp answers 200 with an {@code errors} array for failed members: each becomes
 * a rejection; a member Mailchimp holds in a compliance state (unsubscribed, bounced) is
 * never forced back to {@code subscribed} but re-sent as {@code pending}, which asks the
 * person to confirm by e-mail.</li>
 * </ul>
 */
public final class MailchimpClient implements DestinationClient {

	static final int MAX_MEMBERS_PER_CALL = 500;

	private static final Pattern COMPLIANCE = Pattern.compile("compliance state", Pattern.CASE_INSENSITIVE);

	private final MailchimpSettings settings;

	private final DestinationHttp http;

	public MailchimpClient(MailchimpSettings settings, ResilienceSettings resilience) {
		this.settings = settings;
		this.http = DestinationHttp.of(settings.resolvedBaseUrl(), DestinationResilience.of("mailchimp", resilience),
				new MailchimpErrors());
	}

	/**
	 * Mailchimp's limits: 10 simultaneous connections per user, requests time out after
	 * 120 s, no rate-limit headers.
	 * @return the default resilience settings
	 */
	public static ResilienceSettings defaultResilience() {
		return ResilienceSettings.defaults().withConcurrency(10).withTimeout(Duration.ofSeconds(120));
	}

	@Override
	public DestinationType type() {
		return DestinationType.MAILCHIMP;
	}

	@Override
	public ConsentPurpose purpose() {
		return ConsentPurpose.EMAIL_MARKETING;
	}

	@Override
	public int maxBatchSize() {
		return MAX_MEMBERS_PER_CALL;
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return withEmail(members,
				reachable -> Batches.inChunks(reachable, MAX_MEMBERS_PER_CALL,
						chunk -> Batches.bisecting(chunk, part -> subscribe(part, "subscribed"))
							.flatMap(subscribed -> (this.settings.segmentId() != null)
									? segment(chunk, subscribed, "members_to_add", "members_added")
									: Mono.just(subscribed))));
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return withEmail(members,
				reachable -> Batches.inChunks(reachable, MAX_MEMBERS_PER_CALL,
						chunk -> (this.settings.segmentId() != null)
								? Batches.bisecting(chunk,
										part -> segment(part, BatchResult.allAccepted(part), "members_to_remove",
												"members_removed"))
								: Batches.bisecting(chunk, part -> subscribe(part, "unsubscribed"))));
	}

	/**
	 * {@code POST /lists/{id}/members/{hash}/actions/delete-permanent} per member, at
	 * most 5 at a time. Mailchimp then refuses to re-import the address ("Forgotten Email
	 * Not Subscribed"); a 404 means it was never on the list.
	 */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return withEmail(members,
				reachable -> Flux.fromIterable(reachable)
					.flatMapSequential(member -> this.http
						.exchange(client -> client.post()
							.uri("/lists/{list}/members/{hash}/actions/delete-permanent", this.settings.listId(),
									Identifiers.md5Hex(email(member)))
							.headers(h -> h.setBasicAuth("zielwerk", this.settings.apiKey().reveal())))
						.thenReturn((RecordOutcome) RecordOutcome.Accepted.of(member.key()))
						.onErrorResume(DestinationRefusedException.class, ex -> (ex.status() == 404)
								? Mono.just(new RecordOutcome.Accepted(member.key(), "not on list")) : Mono.error(ex))
						.onErrorResume(BatchRejectedException.class,
								ex -> Mono.just(rejection(member, ex.code(), ex.reason()))),
							5)
					.collectList()
					.map(BatchResult::of));
	}

	@Override
	public Mono<Void> verifyAccess() {
		String list = "/lists/" + this.settings.listId();
		Mono<JsonNode> lists = get(list + "?fields=id,name");
		return (this.settings.segmentId() != null)
				? lists.then(get(list + "/segments/" + this.settings.segmentId())).then() : lists.then();
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
		List<AudienceMember> unreachable = members.stream().filter(m -> m.email() == null).toList();
		BatchResult noEmail = BatchResult.allRejected(unreachable, "NO_EMAIL", "member has no e-mail address", false);
		return send.apply(reachable).map(noEmail::plus);
	}

	private Mono<BatchResult> subscribe(List<AudienceMember> chunk, String status) {
		List<Map<String, String>> body = chunk.stream()
			.map(m -> Map.of("email_address", email(m), "status", status))
			.toList();
		return post("/lists/" + this.settings.listId(), Map.of("members", body, "update_existing", true))
			.flatMap(answer -> {
				Map<String, JsonNode> errors = index(answer.path("errors"), "email_address");
				List<AudienceMember> locked = new ArrayList<>();
				List<RecordOutcome> outcomes = new ArrayList<>();
				for (AudienceMember member : chunk) {
					JsonNode error = errors.get(email(member));
					if (error == null) {
						outcomes.add(RecordOutcome.Accepted.of(member.key()));
					}
					else if ("subscribed".equals(status)
							&& COMPLIANCE.matcher(error.path("error").asString("")).find()) {
						locked.add(member);
					}
					else {
						outcomes.add(rejection(member, error.path("error_code").asString("ERROR_GENERIC"),
								error.path("error").asString("")));
					}
				}
				BatchResult direct = BatchResult.of(outcomes);
				if (locked.isEmpty()) {
					return Mono.just(direct);
				}
				// never flip an unsubscribed member back: ask them to confirm instead
				return subscribe(locked, "pending").map(pending -> direct.plus(BatchResult.of(pending.outcomes()
					.stream()
					.map(o -> (o instanceof RecordOutcome.Accepted a) ? new RecordOutcome.Accepted(a.key(), "pending")
							: o)
					.toList())));
			});
	}

	private Mono<BatchResult> segment(List<AudienceMember> chunk, BatchResult previous, String field,
			String doneField) {
		Map<String, AudienceMember> byKey = new HashMap<>();
		chunk.forEach(m -> byKey.put(m.key(), m));
		List<AudienceMember> eligible = previous.accepted().stream().map(a -> byKey.get(a.key())).toList();
		if (eligible.isEmpty()) {
			return Mono.just(previous);
		}
		List<String> emails = eligible.stream().map(MailchimpClient::email).distinct().toList();
		String path = "/lists/" + this.settings.listId() + "/segments/" + this.settings.segmentId();
		return post(path, Map.of(field, emails)).map(answer -> {
			Map<String, String> failed = new HashMap<>();
			for (JsonNode error : answer.path("errors").values()) {
				error.path("email_addresses")
					.values()
					.forEach(
							e -> failed.put(e.asString("").toLowerCase(Locale.ROOT), error.path("error").asString("")));
			}
			List<RecordOutcome> outcomes = new ArrayList<>(previous.rejected());
			for (RecordOutcome.Accepted accepted : previous.accepted()) {
				AudienceMember member = byKey.get(accepted.key());
				String error = failed.get(email(member));
				outcomes.add((error == null) ? accepted : rejection(member, "SEGMENT_ERROR", error));
			}
			return BatchResult.of(outcomes);
		});
	}

	private Mono<JsonNode> get(String path) {
		return this.http.exchange(client -> client.get()
			.uri(path)
			.headers(h -> h.setBasicAuth("zielwerk", this.settings.apiKey().reveal())));
	}

	private Mono<JsonNode> post(String path, Object body) {
		return this.http.exchange(client -> client.post()
			.uri(path)
			.headers(h -> h.setBasicAuth("zielwerk", this.settings.apiKey().reveal()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body));
	}

	private static RecordOutcome.Rejected rejection(AudienceMember member, String code, String message) {
		// Mailchimp quotes the address in its messages
		return new RecordOutcome.Rejected(member.key(), code, Batches.withoutIdentifiers(message, member), false);
	}

	private static Map<String, JsonNode> index(JsonNode errors, String field) {
		Map<String, JsonNode> byEmail = new HashMap<>();
		errors.values().forEach(e -> byEmail.put(Identifiers.email(e.path(field).asString("")), e));
		return byEmail;
	}

	static String email(AudienceMember member) {
		return Identifiers.email(String.valueOf(member.email()));
	}

}
