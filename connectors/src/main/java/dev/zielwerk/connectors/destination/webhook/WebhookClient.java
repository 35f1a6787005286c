package dev.zielwerk.connectors.destination.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.Batches;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationResilience;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;

/**
 * Posts {@code audience.membership.changed} messages to a webhook, signed per Standard
 * Webhooks. Members are minimised to their key and SHA-256 hashed e-mail and phone.
 * <p>
 * A message keeps its {@code webhook-id} across retries (receivers deduplicate on it) but
 * is re-signed with a fresh {@code webhook-timestamp} on every attempt, so a retry after
 * a long {@code Retry-After} still passes the receiver's timestamp tolerance. 2xx is
 * success, 410 disables (refused), 429/5xx are retried, any other 4xx rejects the message
 * and is bisected.
 */
public final class WebhookClient implements DestinationClient {

	private final WebhookSettings settings;

	private final WebhookSigner signer;

	private final DestinationHttp http;

	private final Clock clock;

	public WebhookClient(WebhookSettings settings, ResilienceSettings resilience) {
		this(settings, resilience, Clock.systemUTC());
	}

	WebhookClient(WebhookSettings settings, ResilienceSettings resilience, Clock clock) {
		this.settings = settings;
		this.signer = WebhookSigner.of(settings.secret());
		this.http = DestinationHttp.of(settings.url(), DestinationResilience.of("webhook", resilience),
				ErrorClassifier.standard("webhook"));
		this.clock = clock;
	}

	/**
	 * Standard Webhooks suggests a 15–30 s delivery timeout.
	 * @return the default resilience settings
	 */
	public static ResilienceSettings defaultResilience() {
		return ResilienceSettings.defaults().withTimeout(Duration.ofSeconds(15));
	}

	@Override
	public DestinationType type() {
		return DestinationType.WEBHOOK;
	}

	@Override
	public ConsentPurpose purpose() {
		return this.settings.purpose();
	}

	@Override
	public int maxBatchSize() {
		return 10 * this.settings.batchSize();
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return Batches.inChunks(members, this.settings.batchSize(),
				chunk -> Batches.bisecting(chunk, part -> deliver("audience.membership.changed", "add", part)));
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return Batches.inChunks(members, this.settings.batchSize(),
				chunk -> Batches.bisecting(chunk, part -> deliver("audience.membership.changed", "remove", part)));
	}

	/** A {@code profile.erased} event, so the receiver deletes what it holds on them. */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return Batches.inChunks(members, this.settings.batchSize(),
				chunk -> Batches.bisecting(chunk, part -> deliver("profile.erased", "erase", part)));
	}

	/** A signed {@code destination.test} event with no members. */
	@Override
	public Mono<Void> verifyAccess() {
		return deliver("destination.test", "test", List.of()).then();
	}

	public DestinationResilience resilience() {
		return this.http.resilience();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<BatchResult> deliver(String type, String action, List<AudienceMember> part) {
		String id = "msg_" + UUID.randomUUID();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("audience", this.settings.audienceKey());
		data.put("action", action);
		data.put("members", part.stream().map(WebhookClient::minimised).toList());
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type);
		message.put("timestamp", this.clock.instant().toString());
		message.put("data", data);
		byte[] body = DestinationHttp.json().writeValueAsBytes(message);
		return this.http.exchange(client -> {
			long timestamp = this.clock.instant().getEpochSecond();
			return client.post().headers(h -> {
				h.set("webhook-id", id);
				h.set("webhook-timestamp", Long.toString(timestamp));
				h.set("webhook-signature", this.signer.sign(id, timestamp, body));
			}).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}).thenReturn(BatchResult.allAccepted(part));
	}

	private static Map<String, String> minimised(AudienceMember member) {
		Map<String, String> out = new LinkedHashMap<>();
		out.put("key", member.key());
		if (member.email() != null) {
			out.put("emailSha256", Identifiers.sha256Hex(Identifiers.email(member.email())));
		}
		if (member.phone() != null) {
			out.put("phoneSha256", Identifiers.sha256Hex(Identifiers.phonePlusE164(member.phone())));
		}
		return out;
	}

}
