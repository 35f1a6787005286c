package dev.zielwerk.connectors.destination.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.webhook.WebhookSigner;
import tools.jackson.databind.JsonNode;

/**
 * A Standard Webhooks receiver: checks {@code webhook-id}, {@code webhook-timestamp} (5
 * minute tolerance) and {@code webhook-signature} exactly as the specification tells
 * receivers to, deduplicates on {@code webhook-id}, and applies
 * {@code audience.membership.changed} messages to its audiences. Members whose key is in
 * {@link #rejectKey(String)} make it answer 400 for the whole message, as a validating
 * receiver would.
 */
public final class WebhookFake extends FakeServer {

	private final WebhookSigner signer;

	private final Map<String, Set<String>> audiences = new ConcurrentHashMap<>();

	private final Set<String> deliveredIds = ConcurrentHashMap.newKeySet();

	private final List<JsonNode> messages = Collections.synchronizedList(new ArrayList<>());

	private final Set<String> rejectedKeys = ConcurrentHashMap.newKeySet();

	public WebhookFake(Secret secret) {
		this.signer = WebhookSigner.of(secret);
	}

	public void rejectKey(String key) {
		this.rejectedKeys.add(key);
	}

	public Set<String> audience(String key) {
		return Set.copyOf(this.audiences.getOrDefault(key, Set.of()));
	}

	public Set<String> deliveredIds() {
		return Set.copyOf(this.deliveredIds);
	}

	public List<JsonNode> messages() {
		synchronized (this.messages) {
			return List.copyOf(this.messages);
		}
	}

	@Override
	protected Reply handle(Request request) {
		String id = request.header("webhook-id");
		String timestamp = request.header("webhook-timestamp");
		String signature = request.header("webhook-signature");
		if (!"POST".equals(request.method()) || id == null || timestamp == null || signature == null) {
			return Reply.json(400, Map.of("error", "missing webhook headers"));
		}
		long seconds = Long.parseLong(timestamp);
		if (Math.abs(Instant.now().getEpochSecond() - seconds) > 300) {
			return Reply.json(400, Map.of("error", "timestamp outside tolerance"));
		}
		if (!this.signer.verify(id, seconds, request.body(), signature)) {
			return Reply.json(401, Map.of("error", "invalid signature"));
		}
		if (this.deliveredIds.contains(id)) {
			return Reply.json(200, Map.of("status", "duplicate"));
		}
		JsonNode message = request.json();
		JsonNode data = message.path("data");
		for (JsonNode member : data.path("members").values()) {
			if (this.rejectedKeys.contains(member.path("key").asString(""))) {
				return Reply.json(400, Map.of("error", "member " + member.path("key").asString("") + " is invalid"));
			}
		}
		Set<String> audience = this.audiences.computeIfAbsent(data.path("audience").asString(""),
				key -> ConcurrentHashMap.newKeySet());
		boolean erasure = "profile.erased".equals(message.path("type").asString(""));
		for (JsonNode member : data.path("members").values()) {
			if (erasure) {
				this.audiences.values().forEach(members -> members.remove(member.path("key").asString("")));
			}
			else if ("add".equals(data.path("action").asString(""))) {
				audience.add(member.path("key").asString(""));
			}
			else {
				audience.remove(member.path("key").asString(""));
			}
		}
		this.deliveredIds.add(id);
		this.messages.add(message);
		return Reply.json(200, Map.of("status", "ok"));
	}

}
