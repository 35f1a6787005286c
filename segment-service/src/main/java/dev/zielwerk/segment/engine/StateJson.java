package dev.zielwerk.segment.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as the evaluators need it: decimals read exactly ({@code BigDecimal}), never
 * through {@code double}, so in-memory and SQL answers agree.
 */
final class StateJson {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private StateJson() {
	}

	static JsonNode read(String text) {
		return MAPPER.readTree(text);
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	/** A traits document {group: {name: value}} as nested maps; nulls are dropped. */
	static Map<String, Map<String, JsonNode>> traits(JsonNode document) {
		Map<String, Map<String, JsonNode>> groups = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> group : document.properties()) {
			if (!group.getValue().isObject()) {
				continue;
			}
			Map<String, JsonNode> values = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> trait : group.getValue().properties()) {
				if (!trait.getValue().isNull()) {
					values.put(trait.getKey(), trait.getValue());
				}
			}
			groups.put(group.getKey(), values);
		}
		return groups;
	}

}
