package dev.zielwerk.connectors.destination.meta;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Adds to and removes from a Meta custom audience: {@code POST} and {@code DELETE
 * /{audience_id}/users} with {@code {session, payload:{schema, data}}}.
 * <p>
 * One call of up to {@link #maxBatchSize()} members is one upload session: a random
 * positive 64-bit {@code session_id}, {@code batch_seq} from 1, {@code last_batch_flag}
 * on the last request (otherwise Meta closes the session only 90 minutes later), at most
 * 10,000 rows per request. A retried request keeps its {@code batch_seq}; {@code /users}
 * is a set operation, so Meta treats the repeat as idempotent. Meta counts bad rows in
 * {@code num_invalid_entries} and quotes up to 100 in {@code invalid_entry_samples} with
 * HTTP 200: sampled rows become rejections.
 */
public final class MetaCustomAudienceClient implements DestinationClient {

	static final int MAX_ROWS_PER_REQUEST = 10_000;

	private final MetaSettings settings;

	private final DestinationHttp http;

	private final int rowsPerRequest;

	public MetaCustomAudienceClient(MetaSettings settings, ResilienceSettings resilience) {
		this(settings, resilience, MAX_ROWS_PER_REQUEST);
	}

	MetaCustomAudienceClient(MetaSettings settings, ResilienceSettings resilience, int rowsPerRequest) {
		this.settings = settings;
		this.rowsPerRequest = Math.min(rowsPerRequest, MAX_ROWS_PER_REQUEST);
		this.http = DestinationHttp.of(settings.baseUrl() + "/" + settings.apiVersion(),
				DestinationResilience.of("meta", resilience), new MetaErrors());
	}

	@Override
	public DestinationType type() {
		return DestinationType.META_CUSTOM_AUDIENCE;
	}

	@Override
	public ConsentPurpose purpose() {
		return ConsentPurpose.ADVERTISING;
	}

	@Override
	public int maxBatchSize() {
		return 10 * MAX_ROWS_PER_REQUEST;
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return upload(HttpMethod.POST, members);
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return upload(HttpMethod.DELETE, members);
	}

	/** Meta has no per-person deletion for customer lists: removal is the erasure. */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return remove(members);
	}

	/**
	 * Reads the audience's {@code operation_status}; anything but 200 (Normal) means Meta
	 * will not take changes now (for example 471, flagged).
	 */
	@Override
	public Mono<Void> verifyAccess() {
		return this.http
			.exchange(client -> client.get()
				.uri("/{audience}?fields=id,name,operation_status", this.settings.audienceId())
				.headers(h -> h.setBearerAuth(this.settings.accessToken().reveal())))
			.flatMap(audience -> {
				JsonNode status = audience.path("operation_status");
				int code = status.path("code").asInt(200);
				return (code == 200) ? Mono.<Void>empty()
						: Mono.error(new DestinationRefusedException("meta", 200, String.valueOf(code),
								"audience operation_status is " + status.path("description").asString("")));
			});
	}

	public DestinationResilience resilience() {
		return this.http.resilience();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<BatchResult> upload(HttpMethod method, List<AudienceMember> members) {
		List<AudienceMember> matchable = members.stream().filter(MetaRows::hasIdentifier).toList();
		BatchResult unmatchable = BatchResult.allRejected(
				members.stream().filter(m -> !MetaRows.hasIdentifier(m)).toList(), "NO_IDENTIFIER",
				"member has no e-mail, phone or name", false);
		List<List<AudienceMember>> requests = Batches.partition(matchable, this.rowsPerRequest);
		long sessionId = newSessionId();
		return Flux.range(0, requests.size()).concatMap(i -> Batches.bisecting(requests.get(i), part -> {
			// a bisected part cannot take a place in the running sequence: it is its own
			// one-batch session
			Map<String, Object> session = (part.size() == requests.get(i).size())
					? session(sessionId, i + 1, i == requests.size() - 1, matchable.size())
					: session(newSessionId(), 1, true, part.size());
			return send(method, part, session);
		})).reduce(unmatchable, BatchResult::plus);
	}

	private Mono<BatchResult> send(HttpMethod method, List<AudienceMember> part, Map<String, Object> session) {
		List<List<String>> rows = part.stream().map(MetaRows::row).toList();
		Map<String, Object> body = Map.of("session", session, "payload",
				Map.of("schema", MetaRows.SCHEMA, "data", rows));
		return this.http
			.exchange(client -> client.method(method)
				.uri("/{audience}/users", this.settings.audienceId())
				.headers(h -> h.setBearerAuth(this.settings.accessToken().reveal()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body))
			.map(answer -> outcomes(part, rows, answer));
	}

	private static BatchResult outcomes(List<AudienceMember> part, List<List<String>> rows, JsonNode answer) {
		Set<String> samples = new HashSet<>();
		collect(answer.path("invalid_entry_samples"), samples);
		if (samples.isEmpty()) {
			return BatchResult.allAccepted(part);
		}
		Map<String, List<String>> rowByKey = new LinkedHashMap<>();
		for (int i = 0; i < part.size(); i++) {
			rowByKey.put(part.get(i).key(), rows.get(i));
		}
		return BatchResult.from(part, member -> {
			boolean invalid = rowByKey.get(member.key()).stream().anyMatch(v -> !v.isEmpty() && samples.contains(v))
					|| samples.contains(String.join(",", rowByKey.get(member.key())));
			return invalid ? new RecordOutcome.Rejected(member.key(), "INVALID_ENTRY",
					"Meta counted this row in num_invalid_entries", false) : null;
		});
	}

	/** Samples arrive as strings, rows (arrays) or an object keyed by the sample. */
	private static void collect(JsonNode samples, Set<String> into) {
		if (samples.isObject()) {
			samples.propertyStream().forEach(e -> into.add(e.getKey()));
		}
		for (JsonNode sample : samples.values()) {
			if (sample.isArray()) {
				List<String> values = sample.values().stream().map(v -> v.asString("")).toList();
				into.addAll(values);
				into.add(String.join(",", values));
			}
			else if (sample.isString()) {
				into.add(sample.asString(""));
			}
		}
	}

	private static Map<String, Object> session(long id, int sequence, boolean last, int estimatedTotal) {
		Map<String, Object> session = new LinkedHashMap<>();
		session.put("session_id", id);
		session.put("batch_seq", sequence);
		session.put("last_batch_flag", last);
		session.put("estimated_num_total", estimatedTotal);
		return session;
	}

	private static long newSessionId() {
		return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
	}

}
