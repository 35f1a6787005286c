package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.rule.ConsentPurpose;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds profile states from JSON text, for tests. */
final class Profiles {

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private Profiles() {
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	static Builder profile() {
		return new Builder(UUID.randomUUID());
	}

	static Builder profile(UUID id) {
		return new Builder(id);
	}

	static final class Builder {

		private final UUID id;

		private final Map<String, Map<String, JsonNode>> traits = new LinkedHashMap<>();

		private final List<ProfileState.Event> events = new ArrayList<>();

		private final Map<ConsentPurpose, ProfileState.Consent> consents = new EnumMap<>(ConsentPurpose.class);

		private final Set<String> memberships = new LinkedHashSet<>();

		private Builder(UUID id) {
			this.id = id;
		}

		Builder trait(String group, String name, JsonNode value) {
			this.traits.computeIfAbsent(group, (key) -> new LinkedHashMap<>()).put(name, value);
			return this;
		}

		Builder trait(String group, String name, String json) {
			return trait(group, name, json(json));
		}

		Builder event(@Nullable String name, Instant occurredAt, JsonNode properties) {
			this.events.add(new ProfileState.Event(name, occurredAt, properties));
			return this;
		}

		Builder event(@Nullable String name, Instant occurredAt, String properties) {
			return event(name, occurredAt, json(properties));
		}

		Builder event(@Nullable String name, Instant occurredAt) {
			return event(name, occurredAt, "{}");
		}

		Builder consent(ConsentPurpose purpose, ProfileState.Consent.Status status, @Nullable Instant expiresAt) {
			this.consents.put(purpose, new ProfileState.Consent(status, expiresAt));
			return this;
		}

		Builder member(String segmentKey) {
			this.memberships.add(segmentKey);
			return this;
		}

		ProfileState build() {
			return new ProfileState(this.id, this.traits, this.events, this.consents, this.memberships);
		}

	}

}
