package dev.zielwerk.profile.ingest;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.zielwerk.profile.traits.Technographics;
import dev.zielwerk.profile.traits.TraitGroup;
import dev.zielwerk.profile.traits.TraitMapper;
import org.jspecify.annotations.Nullable;

/**
 * The traits a message sets: identify and group traits by group, plus technographic
 * traits from the context of every message (explicit technographic traits win).
 */
final class MessageTraits {

	private MessageTraits() {
	}

	static Map<TraitGroup, Map<String, @Nullable Object>> of(SegmentMessage message) {
		Map<TraitGroup, Map<String, @Nullable Object>> groups = new EnumMap<>(TraitGroup.class);
		Map<String, @Nullable Object> technographic = Technographics.fromContext(message.context());
		if (!technographic.isEmpty()) {
			groups.put(TraitGroup.TECHNOGRAPHIC, new LinkedHashMap<>(technographic));
		}
		Map<TraitGroup, Map<String, @Nullable Object>> declared = switch (message.kind()) {
			case IDENTIFY -> TraitMapper.fromIdentify(message.traits());
			case GROUP -> TraitMapper.fromGroup(message.traits());
			default -> Map.of();
		};
		declared.forEach((group, traits) -> groups.computeIfAbsent(group, (g) -> new LinkedHashMap<>()).putAll(traits));
		return groups;
	}

}
