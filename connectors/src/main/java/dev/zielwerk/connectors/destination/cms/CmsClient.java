package dev.zielwerk.connectors.destination.cms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationResilience;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.webhook.WebhookSigner;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;

/**
 * A CMS destination. Its audience is held by Zielwerk itself: a sync run's adds and
 * removes are accepted as they are, and the run records them in {@code synced_members},
 * which the decide endpoint answers from. No member data ever goes to the CMS. What goes
 * there is the segment catalogue (keys, names, descriptions), signed per Standard
 * Webhooks like {@link dev.zielwerk.connectors.destination.webhook.WebhookClient}.
 */
public final class CmsClient implements DestinationClient {

	/** Message type of a catalogue push. */
	public static final String CATALOGUE_EVENT = "segment.catalogue.updated";

	private final WebhookSigner signer;

	private final DestinationHttp http;

	private final Clock clock;

	public CmsClient(CmsSettings settings, ResilienceSettings resilience) {
		this.signer = WebhookSigner.of(settings.secret());
		this.http = DestinationHttp.of(settings.catalogueUrl(), DestinationResilience.of("cms", resilience),
				ErrorClassifier.standard("cms"));
		this.clock = Clock.systemUTC();
	}

	@Override
	public DestinationType type() {
		return DestinationType.CMS;
	}

	@Override
	public ConsentPurpose purpose() {
		return ConsentPurpose.PERSONALIZATION;
	}

	@Override
	public int maxBatchSize() {
		return 1000;
	}

	@Override
	public Mono<BatchResult> add(List<AudienceMember> members) {
		return Mono.just(BatchResult.allAccepted(members));
	}

	@Override
	public Mono<BatchResult> remove(List<AudienceMember> members) {
		return Mono.just(BatchResult.allAccepted(members));
	}

	/** The CMS holds nothing about a person; forgetting the synced rows erases them. */
	@Override
	public Mono<BatchResult> erase(List<AudienceMember> members) {
		return Mono.just(BatchResult.allAccepted(members));
	}

	/** A signed {@code destination.test} event to the catalogue URL. */
	@Override
	public Mono<Void> verifyAccess() {
		return deliver("destination.test", Map.of()).then();
	}

	/**
	 * Pushes the segment catalogue: every segment synced to this CMS, no members.
	 * @param destinationId the destination, so the CMS can tell catalogues apart
	 * @param segments the segments
	 * @return completes when the CMS took it
	 */
	public Mono<Void> pushCatalogue(UUID destinationId, List<CatalogueEntry> segments) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("destination", destinationId.toString());
		data.put("segments", segments.stream().map(CmsClient::entry).toList());
		return deliver(CATALOGUE_EVENT, data).then();
	}

	@Override
	public DestinationResilience resilience() {
		return this.http.resilience();
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Mono<?> deliver(String type, Map<String, Object> data) {
		String id = "msg_" + UUID.randomUUID();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type);
		message.put("timestamp", this.clock.instant().toString());
		message.put("data", data);
		byte[] body = DestinationHttp.json().writeValueAsBytes(message);
		return this.http.exchange((client) -> {
			long timestamp = this.clock.instant().getEpochSecond();
			return client.post().headers((h) -> {
				h.set("webhook-id", id);
				h.set("webhook-timestamp", Long.toString(timestamp));
				h.set("webhook-signature", this.signer.sign(id, timestamp, body));
			}).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		});
	}

	private static Map<String, Object> entry(CatalogueEntry segment) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("key", segment.key());
		out.put("name", segment.name());
		out.put("description", segment.description());
		return out;
	}

}
